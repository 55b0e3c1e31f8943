package escpos

import "fmt"

// maxQRBytes is the byte capacity of a version 40 symbol at level M, the
// level package label lays QR codes out with.
const maxQRBytes = 2331

// qrCode appends the GS ( k sequence that prints content as a model 2 QR
// symbol at error correction M with cell-dot modules: select the model, set
// the module size and the level, store the data, print. The store command's
// length pL pH counts the data plus its three function bytes, so pH is
// non-zero above 252 data bytes.
func (e *encoder) qrCode(content string, cell int) error {
	if len(content) == 0 || len(content) > maxQRBytes {
		return fmt.Errorf("%w: %d bytes, want 1–%d", ErrQRTooLong, len(content), maxQRBytes)
	}
	e.buf = append(e.buf,
		gs, '(', 'k', 4, 0, 49, 65, 50, 0, // fn 65: model 2
		gs, '(', 'k', 3, 0, 49, 67, byte(cell), // fn 67: module size in dots
		gs, '(', 'k', 3, 0, 49, 69, 49, // fn 69: level M
	)
	stored := len(content) + 3
	e.buf = append(e.buf, gs, '(', 'k', byte(stored), byte(stored>>8), 49, 80, 48)
	e.buf = append(e.buf, content...)
	e.buf = append(e.buf, gs, '(', 'k', 3, 0, 49, 81, 48) // fn 81: print
	return nil
}
