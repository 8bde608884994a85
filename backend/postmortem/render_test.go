package postmortem

import (
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestRenderBuiltInTemplates(t *testing.T) {
	for _, tpl := range BuiltIn() {
		t.Run("the "+tpl.Name+" template renders like its golden file, with no problems", func(t *testing.T) {
			got, problems := Render(tpl.Body, fixture(t))
			if len(problems) > 0 {
				t.Errorf("got problems %+v, want none", problems)
			}
			golden(t, "render-"+tpl.Name+".md", tidy(got))
			if strings.Contains(got, "{{") {
				t.Errorf("a placeholder was left in the output")
			}
		})
	}
}

func TestRenderPlaceholders(t *testing.T) {
	d := fixture(t)
	tests := []struct {
		name, body, want string
	}{
		{"spaces inside the braces and any case are accepted", "{{ Incident.Ref }} {{INCIDENT.TITLE}}", "INC-0042 Checkout errors after payment gateway config push"},
		{"times are shown in the zone with its abbreviation", "{{incident.started}}", "2026-03-14 14:02 CET"},
		{"the severity has its label", "{{incident.severity}}", "SEV2 (Major)"},
		{"services are comma-separated", "{{incident.services}}", "checkout, payment-gateway"},
		{"the detection lag is a sentence naming the snapshot", "{{detection_lag}}", "Impact visible in metrics 14 min before detection (Checkout responses by status)."},
		{"a placeholder in inline code is left alone", "Use `{{timeline}}` for the table.", "Use `{{timeline}}` for the table."},
		{"a placeholder in a double-backtick span is left alone", "Use ``{{incident.ref}}`` here", "Use ``{{incident.ref}}`` here"},
		{"a placeholder in a fenced block is left alone", "```text\n{{incident.ref}}\n```\n{{incident.ref}}", "```text\n{{incident.ref}}\n```\nINC-0042"},
		{"a placeholder in a tilde fence is left alone", "~~~~\n```\n{{incident.ref}}\n~~~~", "~~~~\n```\n{{incident.ref}}\n~~~~"},
		{"an unclosed backtick does not hide a placeholder", "a ` b {{incident.ref}}", "a ` b INC-0042"},
		{"a block is set off from the paragraph around it by blank lines", "Before:\n{{detection_lag}}\n{{durations}}\nafter", "Before:\n" + "Impact visible in metrics 14 min before detection (Checkout responses by status)." + "\n\n| Measure | From the start |\n| --- | ---: |\n| Time to detect | 14 min |\n| Time to mitigate | 47 min |\n| Time to resolve | 1 h 28 min |\n\nafter"},
		{"single braces are text", "{incident.ref}", "{incident.ref}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := Render(tt.body, d)
			if got != tt.want || len(problems) > 0 {
				t.Errorf("got %q with problems %+v, want %q", got, problems, tt.want)
			}
		})
	}
}

func TestRenderMissingData(t *testing.T) {
	d := Data{Incident: &domain.Incident{Number: 1, Title: "t"}}
	got, _ := Render("{{detection_lag}}|{{incident.resolved}}|{{incident.commander}}\n{{timeline}}\n{{actions}}\n{{root_causes}}\n{{metrics}}\n{{durations}}", d)
	for _, want := range []string{NoSignal, "not yet", "—", "_No timeline events yet._", "_No action items yet._", "_No cause tree yet._", "_No metric snapshots._", "| Time to detect | not yet known |"} {
		if !strings.Contains(got, want) {
			t.Errorf("got %q, want it to contain %q", got, want)
		}
	}
	d.Incident.Title = "{{timeline}} `x`"
	if got, problems := Render("{{incident.title}}", d); got != "{{timeline}} `x`" || len(problems) > 0 {
		t.Errorf("got %q, %+v; want the title as it is: rendered text is never expanded again", got, problems)
	}
	if got, _ := Render("{{incident.ref}}", Data{}); got != "INC-0000" {
		t.Errorf("with no incident got %q, want INC-0000", got)
	}
}

func TestRenderProblems(t *testing.T) {
	d := fixture(t)
	tests := []struct {
		name, body, want string
		line             int
		placeholder      string
	}{
		{"an unknown placeholder is reported with its line and shown as code", "# T\n\nSee {{incidnet.title}} here", "# T\n\nSee `{{incidnet.title}}` here", 3, "{{incidnet.title}}"},
		{"an empty placeholder is reported", "{{ }}", "`{{ }}`", 1, "{{ }}"},
		{"a block placeholder inside a sentence is reported", "The {{timeline}} follows", "The `{{timeline}}` follows", 1, "{{timeline}}"},
		{"a placeholder holding backticks is shown in a longer fence", "x {{a`b}}", "x `` {{a`b}} ``", 1, "{{a`b}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := Render(tt.body, d)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if len(problems) != 1 || problems[0].Line != tt.line || problems[0].Placeholder != tt.placeholder {
				t.Errorf("got problems %+v, want one on line %d for %s", problems, tt.line, tt.placeholder)
			}
		})
	}
}

func TestFreeze(t *testing.T) {
	d := fixture(t)
	body := "# {{incident.ref}}\n\n{{ Timeline }}\n\n`{{timeline}}` and {{incident.title}} and {{nope}}\n\n{{timeline}}\n"
	got, err := Freeze(body, "TIMELINE", d)
	if err != nil {
		t.Fatal(err)
	}
	table, _ := Render("{{timeline}}", d)
	want := "# {{incident.ref}}\n\n" + table + "\n\n`{{timeline}}` and {{incident.title}} and {{nope}}\n\n" + table + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := Freeze(body, "nope", d); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("freezing an unknown placeholder: got %v, want EINVALID", err)
	}
	if _, err := Freeze("a {{timeline}} b", "timeline", d); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("freezing a block inside a sentence: got %v, want EINVALID", err)
	}
}

func TestFindTemplate(t *testing.T) {
	user := []Template{{Name: "SRE", Title: "Ours", Body: "# mine"}}
	if got, ok := FindTemplate("sre", user); !ok || got.Title != "Ours" {
		t.Errorf("got %+v, want the user's template to replace the built-in one", got)
	}
	if got, ok := FindTemplate(" Short ", nil); !ok || !got.BuiltIn {
		t.Errorf("got %+v, %v, want the built-in short template", got, ok)
	}
	if _, ok := FindTemplate("nope", user); ok {
		t.Errorf("found a template that does not exist")
	}
}

func TestPlaceholdersAllRender(t *testing.T) {
	d := fixture(t)
	for _, p := range Placeholders() {
		if p.Description == "" {
			t.Errorf("%s has no description", p.Name)
		}
		if _, problems := Render("{{"+p.Name+"}}", d); len(problems) > 0 {
			t.Errorf("%s: got problems %+v", p.Name, problems)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Checkout errors: 503s!", "checkout-errors-503s"},
		{"../../etc/passwd", "etc-passwd"},
		{"..", "postmortem"},
		{"Ünïcode only ✓", "unicode-only"},
		{"Café façade: São Paulo", "cafe-facade-sao-paulo"},
		{strings.Repeat("a", 100), strings.Repeat("a", 60)},
		// Cut at a word, never inside one.
		{"Postmortem: Checkout API returned 502s after connection-pool change", "postmortem-checkout-api-returned-502s-after-connection-pool"},
		{strings.Repeat("word ", 11) + "x", strings.TrimSuffix(strings.Repeat("word-", 11), "-") + "-x"},
		{strings.Repeat("word ", 12), strings.TrimSuffix(strings.Repeat("word-", 12), "-")},
	}
	for _, tt := range tests {
		if got := Slug(tt.in, "postmortem"); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEmbeddedHeadingsBecomeLeadIns(t *testing.T) {
	d := fixture(t)
	d.Incident.Summary = "## What happened\n\nPool set to 2.\n\n### Impact ###\n\n```md\n## kept in code\n```\n#\n"
	out, problems := Render("## Summary\n\n{{incident.summary}}\n\n## Impact\n", d)
	if len(problems) != 0 {
		t.Fatalf("problems = %v", problems)
	}
	for _, want := range []string{"**What happened:**", "**Impact:**", "## kept in code"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "## Impact") != 1 || strings.Contains(out, "## What happened") {
		t.Errorf("the summary's headings stayed headings:\n%s", out)
	}
}
