package postmortem

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// memSettings is a SettingsService in memory.
type memSettings map[string]string

func (m memSettings) Setting(_ context.Context, key, def string) (string, error) {
	if v, ok := m[key]; ok {
		return v, nil
	}
	return def, nil
}

func (m memSettings) SetSetting(_ context.Context, key, value string) error {
	m[key] = value
	return nil
}

func fields(t *testing.T, err error) map[string]string {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.EINVALID {
		t.Fatalf("got %v, want EINVALID with fields", err)
	}
	return de.Fields
}

func TestCheckTemplates(t *testing.T) {
	ok, err := CheckTemplates([]Template{{Name: " Security ", Body: "# {{incident.title}}\n\n{{timeline}}\n", BuiltIn: true}})
	if err != nil {
		t.Fatal(err)
	}
	if ok[0].Name != "security" || ok[0].Title != "security" || ok[0].BuiltIn {
		t.Errorf("cleaned: got %+v, want the name lower-cased, the title defaulted and BuiltIn false", ok[0])
	}
	f := fields(t, func() error {
		_, err := CheckTemplates([]Template{
			{Name: "a", Body: "x"},
			{Name: "a", Body: "x"},
			{Name: "has space", Body: "x"},
			{Name: "b", Body: "  \n"},
			{Name: "c", Body: "ok\n\nsee {{timeline}} here\n{{incident.nope}}\n"},
			{Name: "d", Title: "two\nlines", Body: "x"},
		})
		return err
	}())
	want := map[string]string{
		"templates.1.name":  "already the name of template 1",
		"templates.2.name":  "lower-case letters",
		"templates.3.body":  "is empty",
		"templates.4.body":  "line 3: {{timeline}} renders a block",
		"templates.5.title": "one line",
	}
	for k, w := range want {
		if !strings.Contains(f[k], w) {
			t.Errorf("%s: got %q, want it to contain %q", k, f[k], w)
		}
	}
	if !strings.Contains(f["templates.4.body"], "(and 1 more)") {
		t.Errorf("templates.4.body: got %q, want it to count the other problem", f["templates.4.body"])
	}
	if len(f) != len(want) {
		t.Errorf("got fields %v, want exactly %v", f, want)
	}
}

func TestUserTemplatesAreStoredAndReplaceBuiltInOnes(t *testing.T) {
	ctx := context.Background()
	s := memSettings{}
	if got, err := UserTemplates(ctx, s); err != nil || got != nil {
		t.Fatalf("no templates yet: got %v, %v", got, err)
	}
	if _, err := SaveUserTemplates(ctx, s, []Template{{Name: "short", Title: "Our short one", Body: "# {{incident.ref}}\n"}, {Name: "sec", Body: "x"}}); err != nil {
		t.Fatal(err)
	}
	user, err := UserTemplates(ctx, s)
	if err != nil || len(user) != 2 {
		t.Fatalf("read back: %v, %v", user, err)
	}
	var names []string
	for _, t := range AllTemplates(user) {
		names = append(names, t.Name+"/"+t.Title)
	}
	if got, want := strings.Join(names, ","), "short/Our short one,sec/sec,sre/SRE postmortem"; got != want {
		t.Errorf("AllTemplates: got %s, want %s", got, want)
	}
	if tm, _ := FindTemplate("SHORT", user); tm.Body != "# {{incident.ref}}\n" {
		t.Errorf("FindTemplate finds the user's short first: got %q", tm.Body)
	}
	// A bad list stores nothing.
	before := s[TemplatesSetting]
	if _, err := SaveUserTemplates(ctx, s, []Template{{Name: "x"}}); err == nil || s[TemplatesSetting] != before {
		t.Errorf("a refused list changed the setting: %v", err)
	}
	s[TemplatesSetting] = "{not json"
	if _, err := UserTemplates(ctx, s); err == nil || !strings.Contains(err.Error(), "Settings") {
		t.Errorf("broken stored value: got %v, want a message saying where to fix it", err)
	}
}

func TestPhrasesSetting(t *testing.T) {
	ctx := context.Background()
	s := memSettings{}
	ps, custom, err := ConfiguredPhrases(ctx, s)
	if err != nil || custom || len(ps) != len(DefaultPhrases) {
		t.Fatalf("default: %d phrases, custom %v, %v", len(ps), custom, err)
	}
	if _, err := SavePhrases(ctx, s, "rushed => name the time pressure\n# comment\nhero\n"); err != nil {
		t.Fatal(err)
	}
	ps, custom, err = ConfiguredPhrases(ctx, s)
	if err != nil || !custom || len(ps) != 2 || ps[0].Text != "rushed" || ps[1].Suggestion == "" {
		t.Fatalf("custom: %+v, %v, %v", ps, custom, err)
	}
	if got := FormatPhrases(ps); !strings.HasPrefix(got, "rushed => name the time pressure\nhero => ") {
		t.Errorf("FormatPhrases: %q", got)
	}
	f := fields(t, func() error { _, err := SavePhrases(ctx, s, "ok\n=> no phrase\n"); return err }())
	if !strings.Contains(f["phrases"], "line 2") {
		t.Errorf("bad list: got %v, want the line named under phrases", f)
	}
	f = fields(t, func() error { _, err := SavePhrases(ctx, s, "# only a comment\n"); return err }())
	if !strings.Contains(f["phrases"], "no phrase") {
		t.Errorf("empty list: got %v", f)
	}
	if _, err := SavePhrases(ctx, s, ""); err != nil {
		t.Fatal(err)
	}
	if _, custom, _ := ConfiguredPhrases(ctx, s); custom {
		t.Error("blank text did not go back to the default list")
	}
}
