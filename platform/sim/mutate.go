package sim

import (
	"fmt"

	"github.com/printstation/printstation/platform/doudian"
)

// Mutation is a change a buyer or the platform makes to an order after it was paid.
type Mutation int

// Mutations.
const (
	MutationCancel        Mutation = iota + 1 // the order is cancelled (status 4, push 106)
	MutationRefund                            // the buyer requests a refund on the first SKU
	MutationAddressChange                     // the buyer moves the parcel to a new address (push 105)
	MutationShipByTime                        // the ship-by time moves one day later (push 126)
)

// String returns the name of the mutation.
func (m Mutation) String() string {
	switch m {
	case MutationCancel:
		return "cancel"
	case MutationRefund:
		return "refund"
	case MutationAddressChange:
		return "address change"
	case MutationShipByTime:
		return "ship-by time"
	}
	return fmt.Sprintf("mutation %d", int(m))
}

// MutateRandomOrders applies kind to n orders awaiting shipment, picked with the seeded
// generator among those not mutated before, and returns their ids. Each change bumps
// update_time, so that the next incremental sync returns the order, and sends its push message.
func (s *Simulator) MutateRandomOrders(n int, kind Mutation) []string {
	s.mu.Lock()
	ids, pushes := s.mutateRandom(n, kind)
	s.mu.Unlock()
	s.sendPushes(pushes)
	return ids
}

// MutateAfter applies kind to n random orders awaiting shipment when the given number of
// further requests has arrived, which models buyers acting while a batch runs. Mutated returns
// the ids afterwards.
func (s *Simulator) MutateAfter(requests, n int, kind Mutation) {
	s.schedule(requests, func(s *Simulator) []pushMessage {
		_, pushes := s.mutateRandom(n, kind)
		return pushes
	})
}

// Mutated returns every order changed by MutateRandomOrders or MutateAfter with its change.
func (s *Simulator) Mutated() map[string]Mutation {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]Mutation, len(s.mutated))
	for id, m := range s.mutated {
		out[id] = m
	}
	return out
}

// mutateRandom runs with s.mu held.
func (s *Simulator) mutateRandom(n int, kind Mutation) ([]string, []pushMessage) {
	var candidates []*doudian.ShopOrder
	for _, id := range s.orderIDs {
		order := s.orders[id]
		if _, done := s.mutated[id]; !done && order.OrderStatus == doudian.StatusAwaitingShipment {
			candidates = append(candidates, order)
		}
	}
	s.rng.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })

	var ids []string
	var pushes []pushMessage
	for _, order := range candidates[:min(n, len(candidates))] {
		previous := order.UpdateTime
		tag := s.mutate(order, kind)
		s.touch(order, previous)
		s.mutated[order.OrderID] = kind
		ids = append(ids, order.OrderID)
		if tag != 0 {
			pushes = append(pushes, s.orderPush(tag, order))
		}
	}
	return ids, pushes
}

// mutate changes one order and returns the push tag of the change, 0 for none. It runs with
// s.mu held.
func (s *Simulator) mutate(order *doudian.ShopOrder, kind Mutation) doudian.PushTag {
	switch kind {
	case MutationCancel:
		order.OrderStatus, order.OrderStatusDesc = doudian.StatusCancelled, "已取消"
		order.MainStatus, order.MainStatusDesc = doudian.StatusCancelled, "已取消"
		for i := range order.SKUOrderList {
			order.SKUOrderList[i].OrderStatus = doudian.StatusCancelled
			order.SKUOrderList[i].OrderStatusDesc = "已取消"
		}
		return doudian.TagOrderCancelled
	case MutationRefund:
		// NOTE: 6 (退款申请中) and refund_status 1 are the values the client tests against; the
		// platform has more after-sale states than the simulator models.
		order.SKUOrderList[0].AfterSaleInfo = doudian.AfterSaleInfo{AfterSaleStatus: 6, AfterSaleType: 2, RefundStatus: 1}
		return 0
	case MutationAddressChange:
		place := regions[s.rng.IntN(len(regions))]
		order.PostAddr = doudian.PostAddr{
			Province: doudian.Region{Name: place.province, ID: place.provinceID},
			City:     doudian.Region{Name: place.city, ID: place.cityID},
			Town:     doudian.Region{Name: place.district, ID: place.districtID},
			Street:   doudian.Region{Name: place.street, ID: place.streetID},
		}
		order.MaskPostAddr = doudian.PostAddr{}
		s.encryptReceiver(order, receiver{detail: s.randomDetail(place)})
		return doudian.TagAddressChanged
	case MutationShipByTime:
		order.ExpShipTime += 24 * 60 * 60
		for i := range order.SKUOrderList {
			order.SKUOrderList[i].ExpShipTime = order.ExpShipTime
		}
		return doudian.TagShipByTimeChanged
	}
	return 0
}
