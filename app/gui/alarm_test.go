package gui

import (
	"encoding/binary"
	"errors"
	"testing"
)

func TestAlarmWAV_IsPCMWave(t *testing.T) {
	wav := alarmWAV()
	if string(wav[0:4]) != "RIFF" || string(wav[8:16]) != "WAVEfmt " || string(wav[36:40]) != "data" {
		t.Fatalf("header = %q, want RIFF/WAVE/fmt/data", wav[:40])
	}
	if got := binary.LittleEndian.Uint32(wav[4:8]); int(got) != len(wav)-8 {
		t.Errorf("RIFF size = %d, want %d", got, len(wav)-8)
	}
	if got := binary.LittleEndian.Uint32(wav[40:44]); int(got) != len(wav)-44 {
		t.Errorf("data size = %d, want %d", got, len(wav)-44)
	}
}

func TestFindPlayer_ByPlatform(t *testing.T) {
	has := func(names ...string) func(string) (string, error) {
		return func(name string) (string, error) {
			for _, n := range names {
				if n == name {
					return "/usr/bin/" + name, nil
				}
			}
			return "", errors.New("not found")
		}
	}
	cases := []struct {
		name, goos string
		look       func(string) (string, error)
		want       string // first word, "" for none
	}{
		{"linux prefers paplay", "linux", has("aplay", "paplay"), "/usr/bin/paplay"},
		{"linux falls back to aplay", "linux", has("aplay"), "/usr/bin/aplay"},
		{"linux without player stays silent", "linux", has(), ""},
		{"macOS afplay", "darwin", has("afplay"), "/usr/bin/afplay"},
		{"windows PowerShell", "windows", has("powershell"), "/usr/bin/powershell"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := findPlayer(c.goos, c.look)
			switch {
			case c.want == "" && got != nil:
				t.Errorf("player = %v, want none", got)
			case c.want != "" && (len(got) == 0 || got[0] != c.want):
				t.Errorf("player = %v, want %s first", got, c.want)
			}
		})
	}
}

func TestSystemAlarm_SoundNeverFails(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no player on the path
	a := newSystemAlarm()
	a.Sound()
	a.Sound()
	if a.player != nil {
		t.Errorf("player = %v with an empty PATH, want none", a.player)
	}
	if a.file == "" {
		t.Errorf("no WAV file was written")
	}
}
