package sim

import (
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/printstation/printstation/platform/doudian"
)

// Fault is a way a request can fail on purpose.
type Fault int

// Faults. The first four leave the simulator's state untouched; LostReply and SlowReply
// handle the request first, the way a reply lost on the network does, so a client that
// repeats a write learns whether the write is idempotent.
const (
	FaultNone               Fault = iota
	FaultServiceUnavailable       // envelope 20000 isp.service-error
	FaultRateLimited              // envelope 60000 isv.traffic-limited
	FaultGatewayError             // HTTP 502 with an HTML body
	FaultDropConnection           // the connection closes before the request is handled
	FaultLostReply                // the request is handled, then the connection closes
	FaultSlowReply                // the request is handled and the reply waits SlowReply
)

// RandomFaults is the mix SetFailureRate draws from, each equally likely.
var RandomFaults = []Fault{
	FaultServiceUnavailable, FaultRateLimited, FaultGatewayError,
	FaultDropConnection, FaultLostReply, FaultSlowReply,
}

// DefaultSlowReply is how long a FaultSlowReply reply waits: longer than a test client's
// timeout, shorter than the platform SDK's 12 s.
const DefaultSlowReply = 2 * time.Second

// faultState is the fault configuration. It is guarded by Simulator.mu.
type faultState struct {
	rng       *rand.Rand // seeded from Options.Seed, separate from the data generator
	rate      float64
	mix       []Fault
	queue     []Fault // injected faults for the next requests, first one first
	slowReply time.Duration
	counts    map[Fault]int
	scheduled []scheduledAction
}

// scheduledAction runs when the request with number atRequest arrives, before it is handled.
type scheduledAction struct {
	atRequest int64
	run       func(s *Simulator) []pushMessage
}

// SetFailureRate makes a share rate (0 to 1) of the following requests fail with a fault drawn
// from mix, or from RandomFaults when mix is empty. The draws come from a generator seeded
// with Options.Seed, so the same requests in the same order fail the same way.
func (s *Simulator) SetFailureRate(rate float64, mix ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.rate = rate
	s.faults.mix = append([]Fault(nil), mix...)
}

// InjectFaults makes the next n requests fail with fault f, after faults injected before.
func (s *Simulator) InjectFaults(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults.queue = append(s.faults.queue, f)
	}
}

// SetSlowReply sets how long a FaultSlowReply reply waits; default DefaultSlowReply.
func (s *Simulator) SetSlowReply(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.slowReply = d
}

// FaultCounts returns how many requests failed with each fault.
func (s *Simulator) FaultCounts() map[Fault]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[Fault]int, len(s.faults.counts))
	for f, n := range s.faults.counts {
		out[f] = n
	}
	return out
}

// ExpireTokensAfter makes every access token issued by then expire when the n-th following
// request arrives, which models a token running out in the middle of a sync.
func (s *Simulator) ExpireTokensAfter(n int) {
	s.schedule(n, func(s *Simulator) []pushMessage {
		s.expireTokens()
		return nil
	})
}

// schedule runs action when the n-th following request arrives (n = 1: the next one).
func (s *Simulator) schedule(n int, action func(s *Simulator) []pushMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	at := s.requests.Load() + int64(max(n, 1))
	s.faults.scheduled = append(s.faults.scheduled, scheduledAction{atRequest: at, run: action})
}

// pickFault runs the actions due at request number n and returns the fault for that request
// with the pushes the actions caused. It runs with s.mu held.
func (s *Simulator) pickFault(n int64) (Fault, []pushMessage) {
	var pushes []pushMessage
	remaining := s.faults.scheduled[:0]
	for _, a := range s.faults.scheduled {
		if a.atRequest <= n {
			pushes = append(pushes, a.run(s)...)
			continue
		}
		remaining = append(remaining, a)
	}
	s.faults.scheduled = remaining

	fault := FaultNone
	switch {
	case len(s.faults.queue) > 0:
		fault, s.faults.queue = s.faults.queue[0], s.faults.queue[1:]
	case s.faults.rate > 0 && s.faults.rng.Float64() < s.faults.rate:
		mix := s.faults.mix
		if len(mix) == 0 {
			mix = RandomFaults
		}
		fault = mix[s.faults.rng.IntN(len(mix))]
	}
	if fault != FaultNone {
		if s.faults.counts == nil {
			s.faults.counts = map[Fault]int{}
		}
		s.faults.counts[fault]++
	}
	return fault, pushes
}

// failBeforeHandling serves the faults that leave the state untouched and reports whether it
// did.
func (s *Simulator) failBeforeHandling(w http.ResponseWriter, fault Fault) bool {
	switch fault {
	case FaultServiceUnavailable, FaultRateLimited:
		code := doudian.CodeServiceUnavailable
		if fault == FaultRateLimited {
			code = doudian.CodeRateLimited
		}
		s.mu.Lock()
		logID := s.nextLogID()
		s.mu.Unlock()
		writeEnvelope(w, logID, nil, newError(code, failSubCodes[code], "simulated failure"))
		return true
	case FaultGatewayError:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte("<html><body>502 Bad Gateway</body></html>"))
		return true
	case FaultDropConnection:
		dropConnection(w)
		return true
	}
	return false
}

// dropConnection closes the client's connection without a reply.
func dropConnection(w http.ResponseWriter) {
	hijacker, ok := w.(http.Hijacker)
	if !ok {
		// HTTP/2 connections cannot be taken over; aborting the handler resets the stream.
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hijacker.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	conn.Close()
}
