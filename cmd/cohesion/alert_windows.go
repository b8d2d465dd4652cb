package main

import (
	"syscall"
	"unsafe"
)

var procMessageBoxW = syscall.NewLazyDLL("user32.dll").NewProc("MessageBoxW")

const (
	mbOK        = 0x0
	mbIconError = 0x10
	mbTopMost   = 0x40000
)

// alert shows a Windows message box: it needs no OpenGL, so it still works
// when Cohésion's own window cannot open.
func alert(title, text string) {
	t, _ := syscall.UTF16PtrFromString(title)
	m, _ := syscall.UTF16PtrFromString(text)
	procMessageBoxW.Call(0, uintptr(unsafe.Pointer(m)), uintptr(unsafe.Pointer(t)), mbOK|mbIconError|mbTopMost)
}
