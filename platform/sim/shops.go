package sim

import (
	"fmt"

	"github.com/printstation/printstation/platform/doudian"
)

// AddShop adds a shop with n seeded orders awaiting shipment to the simulator, so that one
// simulator serves several shops the way one app key of the platform does. Each shop gets its
// own tokens (token.create with its shop id), and a token reaches only its own shop's orders,
// waybills and ciphertexts. Adding a shop id twice adds orders to it.
func (s *Simulator) AddShop(shopID int64, name string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.shops[shopID]; !ok || name != "" {
		s.shops[shopID] = name
	}
	s.seedOrders(shopID, s.shops[shopID], n)
}

// Shops returns the ids of the shops the simulator serves.
func (s *Simulator) Shops() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int64, 0, len(s.shops))
	for id := range s.shops {
		ids = append(ids, id)
	}
	return ids
}

// orderOf returns an order of the request's shop. It runs with s.mu held.
func (s *Simulator) orderOf(req *request, id string) (*doudian.ShopOrder, bool) {
	order, ok := s.orders[id]
	if !ok || order.ShopID != req.shopID {
		return nil, false
	}
	return order, true
}

// shopName returns the name of a known shop, or an error naming the id.
func (s *Simulator) shopName(shopID int64) (string, error) {
	name, ok := s.shops[shopID]
	if !ok {
		return "", fmt.Errorf("shop %d is not served by the simulator", shopID)
	}
	return name, nil
}
