package plan

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/printstation/printstation/store"
)

// searchIndex returns the search-index part of a platform ciphertext: the
// text between the first two '#' of a name or address ("#L2kN#…#1##") or
// the first two '$' of a phone ("$13811$…$1$$"). The platform keeps that
// part so a seller can find orders without decrypting, so two orders with
// the same plaintext carry the same index. Text in another shape is
// returned whole.
// NOTE: the platform does not publish how long the index is or how likely
// two different plaintexts share one. Merging therefore requires the name,
// phone and detail indexes and the region to match together.
func searchIndex(cipher string) string {
	if len(cipher) < 3 || (cipher[0] != '#' && cipher[0] != '$') {
		return cipher
	}
	end := strings.IndexByte(cipher[1:], cipher[0])
	if end <= 0 {
		return cipher
	}
	return cipher[1 : 1+end]
}

// receiverField is the comparable form of a name, phone or detail: the
// plaintext without spaces when the order has it, else the ciphertext's
// search index. The two forms never compare equal, because a plaintext
// cannot be matched to a search index without the platform's key.
func receiverField(plain, cipher string) string {
	if plain != "" {
		return "p:" + strings.Join(strings.Fields(plain), "")
	}
	if cipher != "" {
		return "c:" + searchIndex(cipher)
	}
	return ""
}

// mergeKey returns the key that orders of the same shop going to the same
// receiver at the same address share, and false for an order whose
// receiver is too incomplete to compare.
func mergeKey(o store.Order) (string, bool) {
	r := o.Receiver
	name := receiverField(r.Name, r.NameCipher)
	phone := receiverField(r.Phone, r.PhoneCipher)
	detail := receiverField(r.Detail, r.DetailCipher)
	if name == "" || phone == "" || detail == "" {
		return "", false
	}
	parts := []string{strconv.FormatInt(o.ShopID, 10), r.Province, r.City, r.District, name, phone, detail}
	return strings.Join(parts, "\x00"), true
}

// groupByReceiver returns the orders in groups of one receiver, each group
// in ship-by order, and the groups in the order of their first member.
func groupByReceiver(orders []store.Order) [][]store.Order {
	var groups [][]store.Order
	index := map[string]int{}
	for _, o := range orders {
		key, ok := mergeKey(o)
		if !ok {
			groups = append(groups, []store.Order{o})
			continue
		}
		if i, seen := index[key]; seen {
			groups[i] = append(groups[i], o)
			continue
		}
		index[key] = len(groups)
		groups = append(groups, []store.Order{o})
	}
	for _, g := range groups {
		slices.SortStableFunc(g, compareShipBy)
	}
	return groups
}

// compareShipBy orders by ship-by time, then order id.
func compareShipBy(a, b store.Order) int {
	if c := a.ExpShipTime.Compare(b.ExpShipTime); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}
