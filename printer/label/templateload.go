package label

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // template images may be JPEG
	_ "image/png"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/printstation/printstation/assets"
)

// ErrTemplateNotFound means no built-in or user template has the name.
var ErrTemplateNotFound = errors.New("label template not found")

// TemplateSet is the templates a station can print with, by name.
type TemplateSet map[string]Template

// Names returns the template names in sorted order.
func (s TemplateSet) Names() []string {
	names := make([]string, 0, len(s))
	for name := range s {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Get returns the template with the name, or an error wrapping
// ErrTemplateNotFound that lists the names there are.
func (s TemplateSet) Get(name string) (Template, error) {
	t, ok := s[name]
	if !ok {
		return Template{}, fmt.Errorf("%w: %q (have %s)", ErrTemplateNotFound, name, strings.Join(s.Names(), ", "))
	}
	return t, nil
}

// LoadTemplates reads the built-in templates and then every *.json file in
// userDir, which may be "" for none. A user template with the name of a
// built-in one replaces it, so a shop can move an item without recompiling.
// An invalid file fails the whole load with a *TemplateError naming the file
// and the member, because printing with half a template set hides the mistake.
func LoadTemplates(userDir string) (TemplateSet, error) {
	set, err := loadDir(assets.Templates, assets.TemplatesDir, "assets/")
	if err != nil {
		return nil, err
	}
	if userDir == "" {
		return set, nil
	}
	user, err := loadDir(os.DirFS(userDir), ".", userDir+string(os.PathSeparator))
	if err != nil {
		return nil, err
	}
	for name, t := range user {
		set[name] = t
	}
	return set, nil
}

var (
	builtinOnce sync.Once
	builtins    TemplateSet
	builtinErr  error
)

// BuiltinTemplate returns the embedded template with the name, parsed once.
func BuiltinTemplate(name string) (Template, error) {
	builtinOnce.Do(func() {
		builtins, builtinErr = loadDir(assets.Templates, assets.TemplatesDir, "assets/")
	})
	if builtinErr != nil {
		return Template{}, builtinErr
	}
	return builtins.Get(name)
}

// loadDir parses every *.json file of dir in fsys; shownPrefix makes the
// file names in errors point at the real place.
func loadDir(fsys fs.FS, dir, shownPrefix string) (TemplateSet, error) {
	files, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("list label templates in %s: %w", shownPrefix, err)
	}
	set := TemplateSet{}
	for _, file := range files {
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("read label template: %w", err)
		}
		t, err := ParseTemplate(data, shownPrefix+file, func(src string) ([]byte, error) {
			return fs.ReadFile(fsys, path.Join(path.Dir(file), src))
		})
		if err != nil {
			return nil, err
		}
		if other, ok := set[t.Name]; ok {
			return nil, &TemplateError{File: t.File, Path: "name", Problem: fmt.Sprintf("%q is also the name of %s", t.Name, other.File)}
		}
		set[t.Name] = t
	}
	return set, nil
}

// ParseTemplate decodes and validates one template file. Unknown members are
// errors, so a misspelt "feild" does not silently print nothing. readImage
// returns the bytes of an image item's src; it may be nil when the template
// has no images.
func ParseTemplate(data []byte, file string, readImage func(src string) ([]byte, error)) (Template, error) {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	var t Template
	if err := decoder.Decode(&t); err != nil {
		return Template{}, &TemplateError{File: file, Problem: "invalid JSON: " + err.Error()}
	}
	t.File = file

	for i := range t.Items {
		it := &t.Items[i]
		if it.Type != "image" {
			continue
		}
		if it.Src == "" || readImage == nil || strings.Contains(it.Src, "..") || path.IsAbs(it.Src) {
			return Template{}, &TemplateError{File: file, Path: fmt.Sprintf("items[%d].src", i), Problem: fmt.Sprintf("%q must name an image file next to the template", it.Src)}
		}
		raw, err := readImage(it.Src)
		if err != nil {
			return Template{}, &TemplateError{File: file, Path: fmt.Sprintf("items[%d].src", i), Problem: err.Error()}
		}
		img, _, err := image.Decode(bytes.NewReader(raw))
		if err != nil {
			return Template{}, &TemplateError{File: file, Path: fmt.Sprintf("items[%d].src", i), Problem: "not a PNG or JPEG image: " + err.Error()}
		}
		it.image = img
	}

	if err := t.Validate(); err != nil {
		return Template{}, err
	}
	return t, nil
}
