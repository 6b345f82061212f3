#ifndef PSTSCOPE_CLIBPFF_SHIM_H
#define PSTSCOPE_CLIBPFF_SHIM_H
// libpff.h includes libbfio.h (libbfio-dev). Its accessor macros cannot be imported
// into Swift; PSTReader calls the record-set functions they expand to instead.
#include <libpff.h>
// malloc_trim: PSTReader hands a closed file's memory back to the system.
#include <malloc.h>
#endif
