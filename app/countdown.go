package app

import "time"

// Countdown returns the ship-by countdown of an order as a message: time
// left, or how long it is overdue.
func Countdown(now, shipBy time.Time) MessageKey {
	if shipBy.IsZero() {
		return MessageKey{Key: "countdown.none"}
	}
	left := shipBy.Sub(now)
	key := "countdown.left"
	if left < 0 {
		key = "countdown.overdue"
		left = -left
	}
	left = left.Truncate(time.Minute)
	return MessageKey{Key: key, Args: map[string]any{
		"Hours":   int(left / time.Hour),
		"Minutes": int(left % time.Hour / time.Minute),
	}}
}
