#ifndef PSTSCOPE_CXLSXWRITER_SHIM_H
#define PSTSCOPE_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
