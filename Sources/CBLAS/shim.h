// The BLAS entry points stance uses (level-1 routines only). cblas.h comes from Debian's
// libblas-dev (netlib reference, or OpenBLAS through the alternatives system).
#ifndef STANCE_CBLAS_SHIM_H
#define STANCE_CBLAS_SHIM_H

#include <cblas.h>

#endif
