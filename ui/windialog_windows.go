package ui

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Windows' own file dialogs, owned by Cohésion's window: modal to it (the
// window cannot be clicked behind them) and placed over it rather than in the
// screen's corner. The files are chosen with comdlg32's Explorer dialogs, the
// folders with the modern picker (IFileOpenDialog, FOS_PICKFOLDERS: the
// Explorer view with its path field), not SHBrowseForFolder's old tree.
// Each runs its own message loop on the calling thread (see runNative).

var (
	comdlg32             = windows.NewLazySystemDLL("comdlg32.dll")
	procGetOpenFileNameW = comdlg32.NewProc("GetOpenFileNameW")
	procGetSaveFileNameW = comdlg32.NewProc("GetSaveFileNameW")
	procCommDlgExtError  = comdlg32.NewProc("CommDlgExtendedError")

	ole32                = windows.NewLazySystemDLL("ole32.dll")
	procCoCreateInstance = ole32.NewProc("CoCreateInstance")

	shell32                         = windows.NewLazySystemDLL("shell32.dll")
	procSHCreateItemFromParsingName = shell32.NewProc("SHCreateItemFromParsingName")
)

// errDialogCancelled is the user's « Annuler ».
var errDialogCancelled = errors.New("annulé")

// openFileName is OPENFILENAMEW.
type openFileName struct {
	structSize      uint32
	owner           uintptr
	instance        uintptr
	filter          *uint16
	customFilter    *uint16
	maxCustomFilter uint32
	filterIndex     uint32
	file            *uint16
	maxFile         uint32
	fileTitle       *uint16
	maxFileTitle    uint32
	initialDir      *uint16
	title           *uint16
	flags           uint32
	fileOffset      uint16
	fileExtension   uint16
	defExt          *uint16
	custData        uintptr
	hook            uintptr
	templateName    *uint16
	reserved        unsafe.Pointer
	reserved2       uint32
	flagsEx         uint32
}

const (
	ofnOverwritePrompt = 0x2
	ofnHideReadOnly    = 0x4
	ofnNoChangeDir     = 0x8
	ofnPathMustExist   = 0x800
	ofnFileMustExist   = 0x1000
	ofnExplorer        = 0x80000
)

// fileDialog is one question to comdlg32.
type fileDialog struct {
	owner     uintptr
	title     string
	filter    fileFilter
	dir, name string
}

// open asks for an existing file.
func (d fileDialog) open() (string, error) {
	return d.run(procGetOpenFileNameW, ofnFileMustExist)
}

// save asks for a file to write; Windows adds the filter's extension to a
// name typed without it (defExt) before asking whether to replace it.
func (d fileDialog) save() (string, error) {
	return d.run(procGetSaveFileNameW, ofnOverwritePrompt)
}

func (d fileDialog) run(proc *windows.LazyProc, flags uint32) (string, error) {
	buf := make([]uint16, 4096)
	copy(buf[:len(buf)-1], windows.StringToUTF16(d.name))
	ofn := openFileName{owner: d.owner, file: &buf[0], maxFile: uint32(len(buf)),
		flags: flags | ofnExplorer | ofnNoChangeDir | ofnPathMustExist | ofnHideReadOnly}
	ofn.structSize = uint32(unsafe.Sizeof(ofn))
	filter := filterList(d.filter)
	ofn.filter = &filter[0]
	ofn.title = utf16Ptr(d.title)
	ofn.initialDir = utf16Ptr(d.dir)
	if exts := extList(d.filter.exts); len(exts) > 0 {
		ofn.defExt = utf16Ptr(exts[0])
	}
	if ok, _, _ := proc.Call(uintptr(unsafe.Pointer(&ofn))); ok != 0 {
		return windows.UTF16ToString(buf), nil
	}
	if code, _, _ := procCommDlgExtError.Call(); code != 0 {
		return "", fmt.Errorf("CommDlgExtendedError 0x%08X", uint32(code))
	}
	return "", errDialogCancelled
}

// filterList is comdlg32's filter: « label\0*.pdf;*.PDF\0Tous les
// fichiers\0*.*\0\0 ».
func filterList(f fileFilter) []uint16 {
	var parts []string
	if exts := extList(f.exts); len(exts) > 0 {
		pats := make([]string, len(exts))
		for i, e := range exts {
			pats[i] = "*." + e
		}
		parts = append(parts, f.label, strings.Join(pats, ";"))
	}
	parts = append(parts, "Tous les fichiers", "*.*")
	var out []uint16
	for _, p := range parts {
		out = append(out, windows.StringToUTF16(p)...) // each with its NUL
	}
	return append(out, 0)
}

func utf16Ptr(s string) *uint16 {
	if s == "" {
		return nil
	}
	p, err := windows.UTF16PtrFromString(s)
	if err != nil {
		return nil // a NUL inside: no start folder, no title
	}
	return p
}

// comCall calls the method at index i of a COM object's vtable.
func comCall(obj unsafe.Pointer, i int, args ...uintptr) uintptr {
	vtbl := *(**[32]uintptr)(obj)
	r, _, _ := syscall.SyscallN(vtbl[i], append([]uintptr{uintptr(obj)}, args...)...)
	return r
}

// The vtables' indexes used here (IUnknown, IModalWindow, IFileDialog,
// IShellItem), and the constants of shobjidl.h.
const (
	comRelease         = 2
	fdShow             = 3
	fdSetOptions       = 9
	fdGetOptions       = 10
	fdSetFolder        = 12
	fdSetTitle         = 17
	fdGetResult        = 20
	siGetDisplayName   = 5
	fosPickFolders     = 0x20
	fosForceFileSystem = 0x40
	sigdnFileSysPath   = 0x80058000
	hrCancelled        = 0x800704C7 // HRESULT_FROM_WIN32(ERROR_CANCELLED)
)

var (
	clsidFileOpenDialog = windows.GUID{Data1: 0xDC1C5A9C, Data2: 0xE88A, Data3: 0x4DDE, Data4: [8]byte{0xA5, 0xA1, 0x60, 0xF8, 0x2A, 0x20, 0xAE, 0xF7}}
	iidFileOpenDialog   = windows.GUID{Data1: 0xD57C7288, Data2: 0xD4AD, Data3: 0x4768, Data4: [8]byte{0xBE, 0x02, 0x9D, 0x96, 0x95, 0x32, 0xD9, 0x60}}
	iidShellItem        = windows.GUID{Data1: 0x43826D1E, Data2: 0xE718, Data3: 0x42EE, Data4: [8]byte{0xBC, 0x55, 0xA1, 0xE2, 0x61, 0xC3, 0x7B, 0xFE}}
)

// pickFolder asks for a folder with the modern picker, owned by owner.
func pickFolder(owner uintptr, title, start string) (string, error) {
	// S_FALSE says COM was already started on this thread: it is to be
	// ended all the same.
	if err := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED); err != nil && err != syscall.Errno(windows.S_FALSE) {
		return "", err
	}
	defer windows.CoUninitialize()
	var dlg unsafe.Pointer
	if hr, _, _ := procCoCreateInstance.Call(uintptr(unsafe.Pointer(&clsidFileOpenDialog)), 0, windows.CLSCTX_INPROC_SERVER,
		uintptr(unsafe.Pointer(&iidFileOpenDialog)), uintptr(unsafe.Pointer(&dlg))); hr != 0 {
		return "", fmt.Errorf("CoCreateInstance(FileOpenDialog) 0x%08X", uint32(hr))
	}
	defer comCall(dlg, comRelease)
	var opts uint32
	comCall(dlg, fdGetOptions, uintptr(unsafe.Pointer(&opts)))
	comCall(dlg, fdSetOptions, uintptr(opts|fosPickFolders|fosForceFileSystem))
	if t := utf16Ptr(title); t != nil {
		comCall(dlg, fdSetTitle, uintptr(unsafe.Pointer(t)))
	}
	setStartFolder(dlg, start)
	if hr := comCall(dlg, fdShow, owner); hr == hrCancelled {
		return "", errDialogCancelled
	} else if hr != 0 {
		return "", fmt.Errorf("IFileDialog::Show 0x%08X", uint32(hr))
	}
	return folderResult(dlg)
}

// setStartFolder opens the picker in start, when it can be found.
func setStartFolder(dlg unsafe.Pointer, start string) {
	p := utf16Ptr(start)
	if p == nil {
		return
	}
	var item unsafe.Pointer
	if hr, _, _ := procSHCreateItemFromParsingName.Call(uintptr(unsafe.Pointer(p)), 0, uintptr(unsafe.Pointer(&iidShellItem)), uintptr(unsafe.Pointer(&item))); hr == 0 {
		comCall(dlg, fdSetFolder, uintptr(item))
		comCall(item, comRelease)
	}
}

// folderResult is the path of the folder chosen.
func folderResult(dlg unsafe.Pointer) (string, error) {
	var item unsafe.Pointer
	if hr := comCall(dlg, fdGetResult, uintptr(unsafe.Pointer(&item))); hr != 0 {
		return "", fmt.Errorf("IFileDialog::GetResult 0x%08X", uint32(hr))
	}
	defer comCall(item, comRelease)
	var name *uint16
	if hr := comCall(item, siGetDisplayName, sigdnFileSysPath, uintptr(unsafe.Pointer(&name))); hr != 0 {
		return "", fmt.Errorf("IShellItem::GetDisplayName 0x%08X", uint32(hr))
	}
	defer windows.CoTaskMemFree(unsafe.Pointer(name))
	return windows.UTF16PtrToString(name), nil
}
