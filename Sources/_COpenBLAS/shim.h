// The only C in TargetCast: OpenBLAS's CBLAS header plus the Fortran LAPACK entry points that
// libopenblas exports (Debian ships no lapacke.h with libopenblas-dev).
//
// gfortran ABI: every argument by pointer; LP64 `int`; one trailing hidden `size_t` length per
// CHARACTER argument. Read-only arguments are `const` so Swift may pass one variable twice
// (e.g. `n` as order and leading dimension) without an exclusivity violation.
//
// An array that LAPACK documents as input but writes to temporarily (dormqr_'s `a`: dorm2r sets
// A(i,i) = 1 and restores it) is deliberately NOT const, so the Swift side hands it a uniquely
// owned buffer instead of storage another thread may be reading.
//
// Every symbol below was checked with `nm -D` against libopenblas.so.0 (0.3.21, pthread variant).
#ifndef TARGETCAST_OPENBLAS_SHIM_H
#define TARGETCAST_OPENBLAS_SHIM_H

#include <stddef.h>
#include <cblas.h>

void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

// MARK: Cholesky

/// Cholesky factorisation of a symmetric positive definite matrix (one triangle read and overwritten).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);

/// Solves A X = B with A's Cholesky factor from dpotrf_; B is overwritten by X.
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info, size_t uplo_len);

// MARK: QR and least squares

/// Least squares / minimum norm via QR or LQ, full rank assumed. lwork = -1 queries the workspace.
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs, double *a,
            const int *lda, double *b, const int *ldb, double *work, const int *lwork, int *info,
            size_t trans_len);

/// Householder QR factorisation; R in the upper triangle, reflectors below it plus `tau`.
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau, double *work,
             const int *lwork, int *info);

/// Forms the first n columns of Q from dgeqrf_'s reflectors, in place.
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda,
             const double *tau, double *work, const int *lwork, int *info);

/// Applies Q or Q^T from dgeqrf_ to C. `a` is restored on exit but written meanwhile (see above).
void dormqr_(const char *side, const char *trans, const int *m, const int *n, const int *k,
             double *a, const int *lda, const double *tau, double *c, const int *ldc,
             double *work, const int *lwork, int *info, size_t side_len, size_t trans_len);

/// Triangular solve op(A) X = B with a singularity check (info > 0: A(info, info) is exactly zero).
void dtrtrs_(const char *uplo, const char *trans, const char *diag, const int *n,
             const int *nrhs, const double *a, const int *lda, double *b, const int *ldb,
             int *info, size_t uplo_len, size_t trans_len, size_t diag_len);

// MARK: Symmetric eigenproblem

/// All eigenvalues (ascending) and optionally eigenvectors of a symmetric matrix, divide and conquer.
/// lwork = liwork = -1 queries both workspaces.
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info,
             size_t jobz_len, size_t uplo_len);

#endif
