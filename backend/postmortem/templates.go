// Package postmortem renders postmortem documents: templates written in
// markdown with {{placeholders}} that are filled from an incident's data
// (timeline, cause tree, actions, metric snapshots), hints that keep the
// writing blameless, and the export to a folder of markdown or HTML with
// chart and data files beside it. It holds no state; the store and the UI
// call it.
package postmortem

import "strings"

// Template is a document skeleton: markdown with placeholders. Built-in
// templates ship with Hindsight; people may add their own.
type Template struct {
	Name        string
	Title       string
	Description string
	Body        string
	BuiltIn     bool
}

// sreBody follows the postmortem in Google's SRE book (appendix D): a
// status block, then summary, impact, causes, trigger, resolution,
// detection, action items, lessons learned, timeline and supporting
// information. Prompts are in italics for the author to replace.
const sreBody = `# {{incident.ref}} {{incident.title}}

- **Status:** {{incident.status}}
- **Severity:** {{incident.severity}}
- **Services:** {{incident.services}}
- **Incident commander:** {{incident.commander}}
- **Started:** {{incident.started}}
- **Detected:** {{incident.detected}}
- **Mitigated:** {{incident.mitigated}}
- **Resolved:** {{incident.resolved}}

{{durations}}

## Summary

{{incident.summary}}

## Impact

{{incident.impact}}

## Root causes

{{root_causes}}

## Trigger

_What set the incident off: a deploy, a configuration change, a spike in
traffic. Describe the conditions, not who pressed the button._

## Resolution

_What stopped the impact, and what brought the service back to normal._

## Detection

_How we found out: an alert, a customer, a colleague._

{{detection_lag}}

## Action items

{{actions}}

## Lessons learned

### What went well

- _Alerts, runbooks, tools or habits that helped._

### What went wrong

- _Gaps in the system or the process that let this happen or last._

### Where we got lucky

- _What could have made it worse, and did not._

## Timeline

{{timeline}}

## Supporting information

{{metrics}}
`

const shortBody = `# {{incident.ref}} {{incident.title}}

**{{incident.severity}}**, {{incident.status}}. Started {{incident.started}},
resolved {{incident.resolved}}.

## Summary

{{incident.summary}}

## Impact

{{incident.impact}}

## Root cause

{{root_causes}}

## Actions

{{actions}}

## Timeline

{{timeline}}
`

// BuiltIn returns the templates that ship with Hindsight, a fresh copy each
// call so callers may change them freely.
func BuiltIn() []Template {
	return []Template{
		{Name: "sre", Title: "SRE postmortem",
			Description: "The full postmortem from Google's SRE book: impact, causes, trigger, detection, actions, lessons learned, timeline and charts.",
			Body:        sreBody, BuiltIn: true},
		{Name: "short", Title: "Short postmortem",
			Description: "A one-page write-up: summary, impact, root cause, actions and timeline.",
			Body:        shortBody, BuiltIn: true},
	}
}

// FindTemplate finds a template by name, case-insensitively, among the
// user's templates first, then the built-in ones: a user template of the
// same name replaces the built-in one.
func FindTemplate(name string, user []Template) (Template, bool) {
	name = strings.TrimSpace(name)
	for _, list := range [][]Template{user, BuiltIn()} {
		for _, t := range list {
			if strings.EqualFold(t.Name, name) {
				return t, true
			}
		}
	}
	return Template{}, false
}
