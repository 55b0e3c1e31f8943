package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/printstation/printstation/platform/doudian"
	"github.com/printstation/printstation/store"
)

// ApplyPush brings the orders named by the shop's push messages up to date
// at once, instead of at the next sync. It fetches each order, stores it,
// and intercepts the not yet shipped parcels of an order that was
// cancelled or refunded. Messages of other shops are ignored; a repeated
// message changes nothing.
func (s *Station) ApplyPush(ctx context.Context, events []doudian.PushEvent) error {
	var fresh []doudian.ShopOrder
	for _, e := range events {
		if e.ShopID != 0 && s.cfg.ShopID != 0 && e.ShopID != s.cfg.ShopID {
			continue
		}
		o, err := s.shop.OrderDetail(ctx, e.OrderID)
		s.noteShop(err)
		if err != nil {
			return fmt.Errorf("push tag %d for order %s: %w", e.Tag, e.OrderID, err)
		}
		fresh = append(fresh, o)
	}
	if len(fresh) == 0 {
		return nil
	}
	if _, _, err := s.storeOrders(fresh); err != nil {
		return err
	}

	now := s.cfg.Now()
	return s.db.Update(func(tx *store.Tx) error {
		for _, po := range fresh {
			o, err := tx.Order(po.OrderID)
			if err != nil {
				return err
			}
			if !o.Intercepted() {
				continue
			}
			parcels, err := tx.ParcelsByOrder(o.ID)
			if err != nil {
				return err
			}
			for _, p := range parcels {
				if p.State.SetAside() || p.State == store.StateShipped {
					continue
				}
				if err := s.intercept(tx, &p, o, now); err != nil {
					return err
				}
				s.log.Warn().Str("parcel", p.ID).Str("order", o.ID).Str("reason", p.Reason).Msg("parcel intercepted by a push message")
			}
		}
		return nil
	})
}

// ServePush receives the shop's push messages on addr until ctx ends and
// applies each to the station of its shop. It returns the listener's
// address once it listens, or the error that kept it from listening.
func (rt *Runtime) ServePush(ctx context.Context, addr string) (string, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("push receiver on %s: %w", addr, err)
	}
	handler := &doudian.PushHandler{
		AppKey:    rt.Setup.Shop.AppKey,
		AppSecret: rt.Setup.Shop.AppSecret,
		OnEvents: func(ctx context.Context, events []doudian.PushEvent) error {
			var errs []error
			for _, st := range rt.Stations {
				errs = append(errs, st.ApplyPush(ctx, events))
			}
			return errors.Join(errs...)
		},
		Logger: rt.Station.log,
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	go func() {
		if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			rt.Station.log.Error().Err(err).Msg("push receiver stopped")
		}
	}()
	return l.Addr().String(), nil
}
