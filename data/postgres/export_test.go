package postgres

import (
	"net"
	"testing"
)

// PretendRemote makes the test server, on the loopback, count as another
// machine for the test's duration: the warning about a connection in clear
// applies to it.
func PretendRemote(t testing.TB) {
	saved := isLoopback
	isLoopback = func(net.Addr) bool { return false }
	t.Cleanup(func() { isLoopback = saved })
}
