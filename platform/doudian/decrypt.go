package doudian

import (
	"context"
	"errors"
	"fmt"
)

// MaxDecryptBatch is the maximum number of cipher_infos in one order.batchDecrypt call.
const MaxDecryptBatch = 50

// Data types of a decrypted text.
const (
	DataTypeAddress = 1
	DataTypeName    = 2
	DataTypePhone   = 3
)

// CipherInfo is one ciphertext to decrypt. AuthID is the shop order id the ciphertext belongs to.
type CipherInfo struct {
	AuthID     string `json:"auth_id"`
	CipherText string `json:"cipher_text"`
}

// DecryptInfo is the result for one ciphertext. ErrNo is non-zero when this item failed.
// DecryptText is personal data: never log it.
type DecryptInfo struct {
	AuthID       string `json:"auth_id"`
	CipherText   string `json:"cipher_text"`
	DecryptText  string `json:"decrypt_text"`
	DataType     int    `json:"data_type"`
	IsVirtualTel bool   `json:"is_virtual_tel"`
	ErrNo        int    `json:"err_no"`
	ErrMsg       string `json:"err_msg"`
}

// BatchDecrypt decrypts receiver ciphertexts in calls of at most MaxDecryptBatch items. Match
// results to inputs by CipherText, because the platform does not promise to keep the order.
// On a failed call it returns the results of the calls before it together with the error.
// When the daily quota is used up, for the whole call or for single items, the error wraps
// ErrDecryptQuota, and the results contain every item decrypted before that.
func (c *Client) BatchDecrypt(ctx context.Context, in []CipherInfo) ([]DecryptInfo, error) {
	results := make([]DecryptInfo, 0, len(in))
	for start := 0; start < len(in); start += MaxDecryptBatch {
		end := min(start+MaxDecryptBatch, len(in))

		var resp struct {
			DecryptInfos []DecryptInfo `json:"decrypt_infos"`
		}
		params := map[string]any{"cipher_infos": in[start:end]}
		err := c.Call(ctx, "order.batchDecrypt", params, &resp)
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.isBiz(BizDecryptQuota) {
			err = fmt.Errorf("%w: %w", ErrDecryptQuota, err)
		}
		if err != nil {
			return results, fmt.Errorf("decrypt items %d to %d of %d: %w", start+1, end, len(in), err)
		}

		quotaHit := false
		for _, info := range resp.DecryptInfos {
			if info.ErrNo == BizDecryptQuota {
				quotaHit = true
				continue
			}
			results = append(results, info)
		}
		if quotaHit {
			return results, fmt.Errorf("decrypt items %d to %d of %d: %w", start+1, end, len(in), ErrDecryptQuota)
		}
	}
	return results, nil
}
