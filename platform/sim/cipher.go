package sim

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"github.com/printstation/printstation/platform/doudian"
)

// Per-item err_no values of order.batchDecrypt.
// NOTE: the platform's real numbers for these two cases are not known; these are placeholders.
const (
	decryptErrUnknownCipher = 300008
	decryptErrWrongAuthID   = 300009
)

// receiver is the plaintext receiver of an order. It never leaves the simulator except
// through batchDecrypt and Receiver.
type receiver struct {
	name, phone, detail string
}

// cipherEntry is what a ciphertext decrypts to.
type cipherEntry struct {
	orderID   string
	dataType  int
	plaintext string
}

const cipherAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// encryptReceiver replaces the plaintext receiver fields of order with ciphertexts and masks,
// the shape the platform sends, and remembers the plaintext. Empty fields stay as they are.
// It runs with s.mu held.
func (s *Simulator) encryptReceiver(order *doudian.ShopOrder, plain receiver) {
	stored := s.receivers[order.OrderID]

	if plain.name != "" {
		order.EncryptPostReceiver = s.newCipher(order.OrderID, doudian.DataTypeName, plain.name)
		order.MaskPostReceiver = maskName(plain.name)
		order.PostReceiver = ""
		stored.name = plain.name
	}
	if plain.phone != "" {
		order.EncryptPostTel = s.newCipher(order.OrderID, doudian.DataTypePhone, plain.phone)
		order.MaskPostTel = maskPhone(plain.phone)
		order.PostTel = ""
		stored.phone = plain.phone
	}
	if plain.detail != "" {
		order.PostAddr.EncryptDetail = s.newCipher(order.OrderID, doudian.DataTypeAddress, plain.detail)
		order.PostAddr.Detail = ""
		stored.detail = plain.detail
	}
	if order.MaskPostAddr == (doudian.PostAddr{}) {
		order.MaskPostAddr = order.PostAddr
		order.MaskPostAddr.EncryptDetail = ""
		if order.PostAddr.EncryptDetail != "" {
			order.MaskPostAddr.Detail = "****"
		}
	}

	if stored != (receiver{}) {
		s.receivers[order.OrderID] = stored
	}
}

// newCipher returns a fresh ciphertext in the platform's shapes: "$13811$<base64>$1$$" for a
// phone (the prefix is the first five digits, which the platform keeps for searching) and
// "#Ab3x#<base64>#2##" for a name or "#Ab3x#<base64>#1##" for an address. The payload is
// random, so the plaintext cannot be read back from it; the "#Ab3x#" part is a search index
// derived from the plaintext, the same for every encryption of it, as the platform's index
// lets a seller find (and merge) the orders of one receiver. It runs with s.mu held.
func (s *Simulator) newCipher(orderID string, dataType int, plaintext string) string {
	for {
		payload := make([]byte, 12+s.rng.IntN(18))
		for i := range payload {
			payload[i] = byte(s.rng.Uint32())
		}
		body := base64.StdEncoding.EncodeToString(payload)

		var text string
		switch dataType {
		case doudian.DataTypePhone:
			prefix := plaintext
			if len(prefix) > 5 {
				prefix = prefix[:5]
			}
			text = "$" + prefix + "$" + body + "$1$$"
		case doudian.DataTypeName:
			text = "#" + searchIndex(plaintext) + "#" + body + "#2##"
		default:
			text = "#" + searchIndex(plaintext) + "#" + body + "#1##"
		}

		if _, taken := s.ciphers[text]; !taken {
			s.ciphers[text] = cipherEntry{orderID: orderID, dataType: dataType, plaintext: plaintext}
			return text
		}
	}
}

// searchIndex is the four-character index of a plaintext.
func searchIndex(plaintext string) string {
	sum := sha256.Sum256([]byte("printstation-sim-index/" + plaintext))
	var b strings.Builder
	for _, c := range sum[:4] {
		b.WriteByte(cipherAlphabet[int(c)%len(cipherAlphabet)])
	}
	return b.String()
}

func (s *Simulator) randomString(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(cipherAlphabet[s.rng.IntN(len(cipherAlphabet))])
	}
	return b.String()
}

// maskName keeps the first character: "王小明" becomes "王**".
func maskName(name string) string {
	first, size := utf8.DecodeRuneInString(name)
	return string(first) + strings.Repeat("*", utf8.RuneCountInString(name[size:]))
}

// maskPhone keeps the first three and last four digits: "13812342617" becomes "138****2617".
func maskPhone(phone string) string {
	if len(phone) < 8 {
		return strings.Repeat("*", len(phone))
	}
	return phone[:3] + "****" + phone[len(phone)-4:]
}

// decrypt returns the plaintext of a ciphertext or plaintext given as is. It runs with s.mu held.
func (s *Simulator) decrypt(text string) string {
	if entry, ok := s.ciphers[text]; ok {
		return entry.plaintext
	}
	return text
}

// SetDecryptQuota sets how many ciphertexts order.batchDecrypt still decrypts. A call with
// more items than that fails with the quota error. A negative n means unlimited, the default.
func (s *Simulator) SetDecryptQuota(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.decryptLeft = n
}

func (s *Simulator) handleBatchDecrypt(req *request) (any, *apiError) {
	var params struct {
		CipherInfos []doudian.CipherInfo `json:"cipher_infos"`
	}
	if apiErr := decodeParams(req.body, &params); apiErr != nil {
		return nil, apiErr
	}
	if len(params.CipherInfos) == 0 {
		return nil, missingParam("cipher_infos")
	}
	if len(params.CipherInfos) > doudian.MaxDecryptBatch {
		return nil, invalidParam("cipher_infos", "cipher_infos 最多 50 条")
	}
	if s.decryptLeft >= 0 && len(params.CipherInfos) > s.decryptLeft {
		return nil, businessError(doudian.BizDecryptQuota, "今日解密额度已用完")
	}

	infos := make([]doudian.DecryptInfo, 0, len(params.CipherInfos))
	for _, in := range params.CipherInfos {
		info := doudian.DecryptInfo{AuthID: in.AuthID, CipherText: in.CipherText}
		entry, ok := s.ciphers[in.CipherText]
		switch {
		case !ok:
			info.ErrNo, info.ErrMsg = decryptErrUnknownCipher, "密文不存在或已失效"
		case entry.orderID != in.AuthID:
			info.ErrNo, info.ErrMsg = decryptErrWrongAuthID, "auth_id 与密文不匹配"
		case s.orders[entry.orderID] == nil || s.orders[entry.orderID].ShopID != req.shopID:
			info.ErrNo, info.ErrMsg = decryptErrUnknownCipher, "密文不存在或已失效"
		default:
			info.DecryptText = entry.plaintext
			info.DataType = entry.dataType
			if s.decryptLeft > 0 {
				s.decryptLeft--
			}
		}
		infos = append(infos, info)
	}

	return map[string]any{
		"decrypt_infos": infos,
		"custom_err":    map[string]any{"err_code": 0, "err_msg": ""},
	}, nil
}
