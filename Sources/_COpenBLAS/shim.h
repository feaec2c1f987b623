// The only C in TargetCast: OpenBLAS's CBLAS header plus the Fortran LAPACK entry points that
// libopenblas exports (Debian ships no lapacke.h with libopenblas-dev).
//
// gfortran ABI: every argument by pointer; LP64 `int`; one trailing hidden `size_t` length per
// CHARACTER argument. Read-only arguments are `const` so Swift may pass one variable twice
// (e.g. `n` as order and leading dimension) without an exclusivity violation.
#ifndef TARGETCAST_OPENBLAS_SHIM_H
#define TARGETCAST_OPENBLAS_SHIM_H

#include <stddef.h>
#include <cblas.h>

void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

#endif
