// The BLAS and LAPACK entry points stance uses. cblas.h comes from Debian's
// libblas-dev (netlib reference, or OpenBLAS through the alternatives system);
// LAPACK has no C header there, so the Fortran prototypes used are declared here.
#ifndef STANCE_CBLAS_SHIM_H
#define STANCE_CBLAS_SHIM_H

#include <cblas.h>

/// Cholesky factorization of a symmetric positive definite matrix (double).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
/// Solves A X = B with the factor from dpotrf_.
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a,
             const int *lda, double *b, const int *ldb, int *info);
/// Solves a symmetric indefinite system A X = B (double).
void dsysv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *lda,
            int *ipiv, double *b, const int *ldb, double *work, const int *lwork, int *info);

#endif
