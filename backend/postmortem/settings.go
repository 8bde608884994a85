package postmortem

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// The settings that configure postmortems. Templates are a JSON array of
// {name, title, description, body}; phrases are ParsePhrases text. Both are
// per database, like every setting, so a team sharing a database shares
// them.
const (
	TemplatesSetting = "postmortemTemplates"
	PhrasesSetting   = "blamelessPhrases"
)

// Limits on user templates.
const (
	MaxUserTemplates    = 50
	MaxTemplateBody     = 256 << 10 // bytes
	MaxTemplateTitle    = 100       // characters
	MaxTemplateDescribe = 300       // characters
)

var templateNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// CheckTemplates trims and checks user templates: each needs a name of
// lower-case letters, digits and dashes (at most 40), unique in the list,
// a body, and placeholders that all exist and stand where they can render.
// A name may be a built-in one: the user's template then replaces it. It
// returns EINVALID with field errors named like "templates.2.body" (the
// index counts from 0).
func CheckTemplates(ts []Template) ([]Template, error) {
	fe := domain.FieldErrors{}
	if len(ts) > MaxUserTemplates {
		fe.Add("templates", "has %d templates; the limit is %d", len(ts), MaxUserTemplates)
		return nil, fe.Err()
	}
	out := make([]Template, 0, len(ts))
	seen := map[string]int{}
	for k, t := range ts {
		field := func(name string) string { return fmt.Sprintf("templates.%d.%s", k, name) }
		t.Name = strings.ToLower(strings.TrimSpace(t.Name))
		t.Title = strings.TrimSpace(t.Title)
		t.Description = strings.TrimSpace(t.Description)
		t.BuiltIn = false
		switch {
		case t.Name == "":
			fe.Add(field("name"), "is required")
		case !templateNameRE.MatchString(t.Name):
			fe.Add(field("name"), "%q must be lower-case letters, digits and dashes, at most 40, e.g. \"security-review\"", truncate(t.Name, 40))
		default:
			if j, dup := seen[t.Name]; dup {
				fe.Add(field("name"), "%q is already the name of template %d", t.Name, j+1)
			}
			seen[t.Name] = k
		}
		if t.Title == "" {
			t.Title = t.Name
		}
		switch {
		case !utf8.ValidString(t.Title) || strings.ContainsAny(t.Title, "\r\n"):
			fe.Add(field("title"), "must be one line of text")
		case utf8.RuneCountInString(t.Title) > MaxTemplateTitle:
			fe.Add(field("title"), "is longer than %d characters", MaxTemplateTitle)
		}
		if utf8.RuneCountInString(t.Description) > MaxTemplateDescribe || !utf8.ValidString(t.Description) {
			fe.Add(field("description"), "must be text of at most %d characters", MaxTemplateDescribe)
		}
		switch {
		case strings.TrimSpace(t.Body) == "":
			fe.Add(field("body"), "is empty; write the document's skeleton, e.g. \"## Summary\" and \"{{timeline}}\"")
		case len(t.Body) > MaxTemplateBody:
			fe.Add(field("body"), "is %d KiB; the limit is %d KiB", len(t.Body)>>10, MaxTemplateBody>>10)
		case !utf8.ValidString(t.Body):
			fe.Add(field("body"), "is not valid UTF-8 text")
		default:
			if _, problems := Render(t.Body, Data{}); len(problems) > 0 {
				p := problems[0]
				more := ""
				if len(problems) > 1 {
					more = fmt.Sprintf(" (and %d more)", len(problems)-1)
				}
				fe.Add(field("body"), "line %d: %s%s", p.Line, p.Message, more)
			}
		}
		out = append(out, t)
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

type storedTemplate struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Body        string `json:"body"`
}

// UserTemplates reads the user's templates from the settings. A stored
// value that no longer parses is reported, not ignored.
func UserTemplates(ctx context.Context, s domain.SettingsService) ([]Template, error) {
	raw, err := s.Setting(ctx, TemplatesSetting, "")
	if err != nil || strings.TrimSpace(raw) == "" {
		return nil, err
	}
	var stored []storedTemplate
	if err := json.Unmarshal([]byte(raw), &stored); err != nil {
		return nil, domain.Errorf(domain.EINVALID, "the stored postmortem templates (setting %s) are not valid JSON: %v; save them again in Settings", TemplatesSetting, err)
	}
	out := make([]Template, len(stored))
	for k, t := range stored {
		out[k] = Template{Name: t.Name, Title: t.Title, Description: t.Description, Body: t.Body}
	}
	return out, nil
}

// SaveUserTemplates checks and stores the user's templates, replacing the
// list; nothing is stored when one is wrong.
func SaveUserTemplates(ctx context.Context, s domain.SettingsService, ts []Template) ([]Template, error) {
	ts, err := CheckTemplates(ts)
	if err != nil {
		return nil, err
	}
	stored := make([]storedTemplate, len(ts))
	for k, t := range ts {
		stored[k] = storedTemplate{t.Name, t.Title, t.Description, t.Body}
	}
	raw, err := json.Marshal(stored)
	if err != nil {
		return nil, err
	}
	if err := s.SetSetting(ctx, TemplatesSetting, string(raw)); err != nil {
		return nil, err
	}
	return ts, nil
}

// AllTemplates is the user's templates, then the built-in ones that no user
// template replaces: the list a "new postmortem" menu shows.
func AllTemplates(user []Template) []Template {
	out := append([]Template(nil), user...)
	for _, b := range BuiltIn() {
		replaced := false
		for _, t := range user {
			replaced = replaced || strings.EqualFold(t.Name, b.Name)
		}
		if !replaced {
			out = append(out, b)
		}
	}
	return out
}

// FormatPhrases writes phrases as ParsePhrases reads them.
func FormatPhrases(ps []Phrase) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "%s => %s\n", p.Text, p.Suggestion)
	}
	return b.String()
}

// ConfiguredPhrases returns the phrase list in use: the configured one, or
// DefaultPhrases when none is (custom false).
func ConfiguredPhrases(ctx context.Context, s domain.SettingsService) (ps []Phrase, custom bool, err error) {
	raw, err := s.Setting(ctx, PhrasesSetting, "")
	if err != nil {
		return nil, false, err
	}
	if strings.TrimSpace(raw) == "" {
		return DefaultPhrases, false, nil
	}
	ps, err = ParsePhrases(raw)
	if err != nil {
		return nil, false, domain.Errorf(domain.EINVALID, "the configured blameless phrases (setting %s): %s", PhrasesSetting, domain.ErrorMessage(err))
	}
	return ps, true, nil
}

// SavePhrases checks and stores a phrase list written as ParsePhrases
// reads it; blank text goes back to DefaultPhrases. EINVALID on "phrases"
// names the line of the first mistake.
func SavePhrases(ctx context.Context, s domain.SettingsService, text string) ([]Phrase, error) {
	if strings.TrimSpace(text) == "" {
		if err := s.SetSetting(ctx, PhrasesSetting, ""); err != nil {
			return nil, err
		}
		return DefaultPhrases, nil
	}
	ps, err := ParsePhrases(text)
	if err != nil {
		fe := domain.FieldErrors{}
		fe.Add("phrases", "%s", domain.ErrorMessage(err))
		return nil, fe.Err()
	}
	if len(ps) == 0 {
		fe := domain.FieldErrors{}
		fe.Add("phrases", "has no phrase; write one a line, as \"phrase => suggestion\", or clear it for the default list")
		return nil, fe.Err()
	}
	if err := s.SetSetting(ctx, PhrasesSetting, FormatPhrases(ps)); err != nil {
		return nil, err
	}
	return ps, nil
}
