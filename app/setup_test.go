package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/printstation/printstation/platform/doudian"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "station.json")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadSetup_SkipsByteOrderMark(t *testing.T) {
	path := writeConfig(t, "\xef\xbb\xbf"+`{"courier": "yunda"}`)
	s, err := LoadSetup(path)
	if err != nil {
		t.Fatalf("LoadSetup of a file with a BOM: %v", err)
	}
	if s.Courier != "yunda" {
		t.Errorf("courier = %q, want yunda", s.Courier)
	}
}

func TestLoadSetup_UnknownKeyNamed(t *testing.T) {
	path := writeConfig(t, `{"printr": "tcp://127.0.0.1:9100"}`)
	_, err := LoadSetup(path)
	if err == nil || !strings.Contains(err.Error(), "printr") {
		t.Fatalf("error = %v, want one naming the unknown key printr", err)
	}
}

func TestLoadSetup_ExpandsHomeInPaths(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home folder")
	}
	s, err := LoadSetup(writeConfig(t, `{"store": "~/ps/station.db"}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(home, "ps", "station.db"); s.Store != want {
		t.Errorf("store = %q, want %q", s.Store, want)
	}
}

func TestValidate_ListsEveryMissingSetting(t *testing.T) {
	s := Setup{Shop: ShopSetup{BaseURL: "http://127.0.0.1:1", AppKey: "k", AppSecret: "s", ShopID: 1},
		Printer: "/tmp/labels", Store: "/tmp/s.db", Courier: "zhongtong"}
	err := s.validate()
	if !errors.Is(err, ErrIncompleteSetup) {
		t.Fatalf("validate = %v, want ErrIncompleteSetup", err)
	}
	for _, field := range []string{"sender.name", "sender.mobile", "sender.province", "sender.city", "sender.detail"} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("error %q does not name %s", err, field)
		}
	}
	if key := UserMessage(err).Key; key != "err.setup" {
		t.Errorf("user message = %s, want err.setup", key)
	}
}

func TestUserMessage_ShopPermissionNamesTheFix(t *testing.T) {
	err := fmt.Errorf("sync: %w", &doudian.APIError{Method: "order.searchList", Code: 30001, SubCode: "isv.app-permissions-insufficient"})
	key := UserMessage(err).Key
	if key == "" || key == "err.unexpected" || key != doudian.UserMessageKey(err) {
		t.Errorf("user message = %q, want the shop client's key %q", key, doudian.UserMessageKey(err))
	}
}
