#ifndef PSTSCOPE_CZSTD_SHIM_H
#define PSTSCOPE_CZSTD_SHIM_H
#include <zstd.h>
#endif
