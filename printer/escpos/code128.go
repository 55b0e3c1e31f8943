package escpos

import "fmt"

// maxCode128Bytes is the most data GS k 73 takes after its one-byte length.
const maxCode128Bytes = 255

// code128Data returns the GS k 73 data of printable-ASCII content: "{B" or
// "{C" at the start and at each switch, set C digits packed two to a byte
// (values 0–99), and a literal '{' doubled. Set C starts where four digits
// follow (two when already in C), the rule github.com/boombuler/barcode
// uses, so the printed symbol is as wide as the preview's.
func code128Data(content string) ([]byte, error) {
	if content == "" {
		return nil, fmt.Errorf("%w: empty", ErrInvalidBarcode)
	}
	for i := 0; i < len(content); i++ {
		if c := content[i]; c < 0x20 || c > 0x7E {
			return nil, fmt.Errorf("%w: %q has byte %#x", ErrInvalidBarcode, content, c)
		}
	}

	data := make([]byte, 0, len(content)+4)
	set := byte(0)
	for i := 0; i < len(content); {
		need := 4
		if set == 'C' {
			need = 2
		}
		if digitsAt(content, i, need) {
			if set != 'C' {
				data = append(data, '{', 'C')
				set = 'C'
			}
			data = append(data, (content[i]-'0')*10+content[i+1]-'0')
			i += 2
			continue
		}
		if set != 'B' {
			data = append(data, '{', 'B')
			set = 'B'
		}
		if content[i] == '{' {
			data = append(data, '{')
		}
		data = append(data, content[i])
		i++
	}
	if len(data) > maxCode128Bytes {
		return nil, fmt.Errorf("%w: %d data bytes, at most %d", ErrInvalidBarcode, len(data), maxCode128Bytes)
	}
	return data, nil
}

func digitsAt(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for _, c := range []byte(s[i : i+n]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
