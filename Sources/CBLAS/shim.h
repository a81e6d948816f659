// The BLAS entry points stance uses (level-1 routines only). cblas.h comes from Debian's
// libblas-dev (netlib reference, or OpenBLAS through the alternatives system). The module also
// links Debian's LAPACK (liblapack-dev), the system library the package's design names for the
// dense solvers; no LAPACK routine is called today, so none is declared here.
#ifndef STANCE_CBLAS_SHIM_H
#define STANCE_CBLAS_SHIM_H

#include <cblas.h>

#endif
