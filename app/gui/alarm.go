package gui

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
)

// Alarm makes the sound of a scan that must stop the packer. Fyne has no
// audio, so the default plays a WAV file with the operating system's
// player.
type Alarm interface {
	// Sound starts the sound and returns at once.
	Sound()
}

// systemAlarm plays a short two-tone WAV with the first player found:
// paplay or aplay on Linux, afplay on macOS, PowerShell's SoundPlayer on
// Windows. Without a player it stays silent; the red feedback remains.
type systemAlarm struct {
	once   sync.Once
	player []string // command and arguments before the file; nil when none
	file   string
}

func newSystemAlarm() *systemAlarm { return &systemAlarm{} }

// Sound implements Alarm.
func (a *systemAlarm) Sound() {
	a.once.Do(a.prepare)
	if a.player == nil {
		return
	}
	cmd := exec.Command(a.player[0], append(a.player[1:], a.file)...)
	if err := cmd.Start(); err != nil {
		return
	}
	go cmd.Wait() // reap the player; its exit status does not matter
}

// prepare writes the WAV file and finds a player once per process.
func (a *systemAlarm) prepare() {
	f, err := os.CreateTemp("", "printstation-alarm-*.wav")
	if err != nil {
		return
	}
	_, werr := f.Write(alarmWAV())
	cerr := f.Close()
	if werr != nil || cerr != nil {
		return
	}
	a.file = f.Name()
	a.player = findPlayer(runtime.GOOS, exec.LookPath)
}

// findPlayer returns the command that plays a WAV file named after its
// arguments, or nil when the system has none.
func findPlayer(goos string, lookPath func(string) (string, error)) []string {
	var candidates [][]string
	switch goos {
	case "darwin":
		candidates = [][]string{{"afplay"}}
	case "windows":
		// The file name is appended as the last argument of the script.
		candidates = [][]string{{"powershell", "-NoProfile", "-Command", "(New-Object Media.SoundPlayer $args[0]).PlaySync()"}}
	default:
		candidates = [][]string{{"paplay"}, {"aplay", "-q"}}
	}
	for _, c := range candidates {
		if path, err := lookPath(c[0]); err == nil {
			return append([]string{filepath.Clean(path)}, c[1:]...)
		}
	}
	return nil
}

// alarmWAV returns a 0.6 s, 16-bit mono WAV of three alternating tones
// (880 Hz and 660 Hz), loud enough to be heard over a packing room.
func alarmWAV() []byte {
	const (
		rate     = 16000
		duration = 0.6
		volume   = 0.6 * math.MaxInt16
	)
	n := int(rate * duration)
	samples := make([]int16, n)
	for i := range samples {
		freq := 880.0
		if (i*5/n)%2 == 1 {
			freq = 660
		}
		samples[i] = int16(volume * math.Sin(2*math.Pi*freq*float64(i)/rate))
	}

	var b bytes.Buffer
	dataSize := uint32(2 * n)
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, 36+dataSize)
	b.WriteString("WAVEfmt ")
	// PCM format chunk: 1 channel, 2 bytes per frame, 16 bits per sample.
	binary.Write(&b, binary.LittleEndian, struct {
		Size                    uint32
		Format, Channels        uint16
		Rate, ByteRate          uint32
		BlockAlign, SampleWidth uint16
	}{Size: 16, Format: 1, Channels: 1, Rate: rate, ByteRate: rate * 2, BlockAlign: 2, SampleWidth: 16})
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, dataSize)
	binary.Write(&b, binary.LittleEndian, samples)
	return b.Bytes()
}
