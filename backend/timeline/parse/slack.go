package parse

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// skippedSubtypes are Slack message subtypes that record channel
// housekeeping rather than anything said; they are skipped without a Problem.
var skippedSubtypes = map[string]bool{
	"channel_join": true, "channel_leave": true, "channel_topic": true, "channel_purpose": true,
	"channel_name": true, "channel_archive": true, "channel_unarchive": true,
	"group_join": true, "group_leave": true, "group_topic": true, "group_purpose": true,
	"group_name": true, "group_archive": true, "group_unarchive": true,
	"pinned_item": true, "unpinned_item": true, "bot_add": true, "bot_remove": true,
	"tombstone": true,
}

type slackMessage struct {
	Type        string `json:"type"`
	Subtype     string `json:"subtype"`
	TS          string `json:"ts"`
	User        string `json:"user"`
	Username    string `json:"username"`
	BotID       string `json:"bot_id"`
	UserProfile *struct {
		RealName    string `json:"real_name"`
		DisplayName string `json:"display_name"`
	} `json:"user_profile"`
	Text     string `json:"text"`
	ThreadTS string `json:"thread_ts"`
	Files    []struct {
		Name       string `json:"name"`
		Title      string `json:"title"`
		URLPrivate string `json:"url_private"`
		Permalink  string `json:"permalink"`
	} `json:"files"`
}

func (m *slackMessage) author() string {
	if p := m.UserProfile; p != nil {
		if p.RealName != "" {
			return p.RealName
		}
		if p.DisplayName != "" {
			return p.DisplayName
		}
	}
	for _, s := range []string{m.User, m.Username, m.BotID} {
		if s != "" {
			return s
		}
	}
	return ""
}

// parseSlack reads one Slack export day file: a JSON array of messages.
func parseSlack(data []byte, name string, c *collector) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		where := "The input"
		if name != "" {
			where = name
		}
		return domain.Errorf(domain.EINVALID, "%s is not a Slack export day file (a JSON array of messages): %v.", where, err)
	}
	msgs := make([]*slackMessage, len(raw))
	names := map[string]string{}
	for i, r := range raw {
		var m slackMessage
		if err := json.Unmarshal(r, &m); err != nil {
			c.problem(i+1, string(r), fmt.Sprintf("message %d is not a Slack message: %v", i+1, err))
			continue
		}
		msgs[i] = &m
		if m.User != "" && m.UserProfile != nil {
			names[m.User] = m.author()
		}
	}
	for i, m := range msgs {
		if m == nil {
			continue
		}
		n := i + 1
		if m.Type != "message" {
			c.problem(n, string(raw[i]), fmt.Sprintf("record %d is not a message (type %q)", n, m.Type))
			continue
		}
		if skippedSubtypes[m.Subtype] {
			continue
		}
		at, err := slackTime(m.TS)
		if err != nil {
			c.problem(n, string(raw[i]), fmt.Sprintf("message %d has a bad ts %q", n, truncate(m.TS, 30)))
			continue
		}
		ev := Event{Line: n, At: at, Author: m.author(), Body: strings.TrimSpace(slackText(m.Text, names))}
		if ev.Body == "" && len(m.Files) == 0 {
			c.problem(n, string(raw[i]), fmt.Sprintf("message %d has no text", n))
			continue
		}
		if ev.Body != "" {
			classify(&ev)
		}
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			ev.Body = "↳ " + ev.Body
		}
		for _, f := range m.Files {
			label := f.Title
			if label == "" {
				label = f.Name
			}
			link := f.Permalink
			if link == "" {
				link = f.URLPrivate
			}
			var md string
			switch {
			case link != "":
				md = fmt.Sprintf("[%s](%s)", label, link)
			case label != "":
				md = label
			default:
				continue
			}
			if ev.Body != "" && ev.Body != "↳ " {
				ev.Body += "\n"
			}
			ev.Body += md
		}
		c.event(ev)
	}
	return nil
}

// slackTime reads a Slack ts ("1700000000.123456") to the millisecond.
func slackTime(ts string) (time.Time, error) {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || s < 0 || s > 253402300799 || len(frac) > 9 {
		return time.Time{}, fmt.Errorf("bad ts")
	}
	ns := int64(0)
	if frac != "" {
		f, err := strconv.ParseUint(frac, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("bad ts")
		}
		ns = int64(f)
		for i := len(frac); i < 9; i++ {
			ns *= 10
		}
	}
	return time.Unix(s, ns).UTC().Truncate(time.Millisecond), nil
}

// slackText turns Slack markup into plain Markdown: <@U1> mentions become
// @name, <#C1|chan> #chan, <url|label> [label](url), and &amp; &lt; &gt; are
// unescaped.
func slackText(s string, names map[string]string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		inner := s[i+1 : i+j]
		s = s[i+j+1:]
		target, label, hasLabel := strings.Cut(inner, "|")
		switch {
		case strings.HasPrefix(target, "@"):
			if hasLabel {
				b.WriteString("@" + label)
			} else if n, ok := names[target[1:]]; ok {
				b.WriteString("@" + n)
			} else {
				b.WriteString(target)
			}
		case strings.HasPrefix(target, "#"):
			if hasLabel {
				b.WriteString("#" + label)
			} else {
				b.WriteString(target)
			}
		case strings.HasPrefix(target, "!"):
			b.WriteString("@" + strings.TrimPrefix(target, "!"))
		case hasLabel:
			fmt.Fprintf(&b, "[%s](%s)", label, target)
		default:
			b.WriteString(target)
		}
	}
	b.WriteString(s)
	r := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")
	return r.Replace(b.String())
}

// ParseDir reads a Slack export channel folder: every YYYY-MM-DD.json file
// in it, in date order. Other files (channels.json, users.json, ...) are
// ignored. Events and Problems carry the day file's name in Source, and Line
// is the message's index within that file. opts.Format is ignored; MaxBytes
// limits the files together. It returns EINVALID when the folder has no day
// files or a day file cannot be read.
func ParseDir(fsys fs.FS, opts Options) (*Result, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "The folder cannot be read: %v.", err)
	}
	var days []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ".json" {
			continue
		}
		if _, err := time.Parse("2006-01-02", strings.TrimSuffix(name, ".json")); err == nil {
			days = append(days, name)
		}
	}
	if len(days) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "The folder has no Slack day files (named like 2026-11-23.json).")
	}
	sort.Strings(days)
	c := newCollector(FormatSlack, opts)
	max := opts.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	total := 0
	for _, name := range days {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, domain.Errorf(domain.EINVALID, "%s cannot be read: %v.", name, err)
		}
		total += len(data)
		if total > max {
			return nil, domain.Errorf(domain.EINVALID, "The day files together are more than %s, the limit.", sizeString(max))
		}
		if err := checkInput(data, max); err != nil {
			return nil, domain.Errorf(domain.EINVALID, "%s: %s", name, domain.ErrorMessage(err))
		}
		c.source = name
		if err := parseSlack(data, name, c); err != nil {
			return nil, err
		}
	}
	return c.finish(), nil
}
