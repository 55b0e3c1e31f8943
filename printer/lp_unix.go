//go:build unix

package printer

import (
	"errors"
	"os"
	"syscall"
)

// waitWritten returns once the driver has finished the last write. Go opens
// device files in non-blocking mode, and in that mode usblp returns from
// write(2) as soon as it has queued the transfer. A zero-length write fails
// with EAGAIN while a transfer is still queued, so it is retried whenever the
// file becomes writable, until the write deadline.
func waitWritten(f *os.File) error {
	raw, err := f.SyscallConn()
	if err != nil {
		return err
	}

	var writeErr error
	err = raw.Write(func(fd uintptr) bool {
		_, writeErr = syscall.Write(int(fd), nil)
		return !errors.Is(writeErr, syscall.EAGAIN)
	})
	if err != nil {
		return err
	}
	return writeErr
}
