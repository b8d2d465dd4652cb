/*
 * A stand-in for Windows' bcryptprimitives.dll, for the Wine check only
 * (scripts/wine/check-msi.sh): Go's Windows runtime imports ProcessPrng from
 * it, Windows 10 and later have it, Wine 8 does not, so a Go program stops
 * before main. This one answers ProcessPrng with advapi32's RtlGenRandom
 * (exported as SystemFunction036), which Wine has. It never ships.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
