// Package parse turns pasted or imported incident timelines into events. It
// is pure: no database, no files except through the fs.FS given to ParseDir,
// and only the standard library (plus Hindsight's domain package for its
// error type, kind names and time hints).
//
// # What comes back
//
// Parse returns an error (an EINVALID *domain.Error whose message names the
// problem) only when the input cannot be read at all: it is larger than
// Options.MaxBytes (50 MiB by default), contains a NUL byte (binary), is not
// UTF-8, names an unknown format, is malformed JSON, or is CSV whose header
// cannot be read or lacks a time or text column. Everything else that is not
// understood becomes a Problem with its line (or record number) and a
// reason; nothing is dropped silently except what "Skipped" below lists.
//
// Event times are UTC, with sub-second precision kept when it was written
// (milliseconds for Slack). Each event may carry warnings: "time is before
// the previous event" and "time is more than a day after the previous
// event" (compared in input order; events are never reordered), "event has
// no text", or an unknown kind or key moment that was ignored. Result.Warnings
// says how many times had no zone and were read as UTC when Options.Zone is
// nil, and when no events were found.
//
// Kind is set from a leading "[deploy]" or "deploy:" (any of the kinds in
// domain.EventKinds, any case; the prefix is removed from the body) or from a
// CSV/JSON kind column. KeyMoment is set when the body starts with a clear
// phrase: "Incident started/began", "Impact started/began", "Outage
// started/began", "Start of impact" (started); "Detected", "Incident/Issue
// detected" (detected); "Mitigated", "Incident/Impact mitigated" (mitigated);
// "Resolved", "Incident/Issue resolved" (resolved), each as whole words.
//
// # Formats
//
// Detect picks the format when Options.Format is "" or "auto": valid JSON
// that is an array whose first element has a "ts" field is slack, any other
// JSON object or array is json; a first line with a separator (comma, or
// semicolon or tab when there is no comma) and a time column name is csv;
// anything else is text.
//
// text: a written timeline. An event line starts with a time, optionally
// after Markdown list bullets (-, *, +, •, 1., 2)), a quote mark or bold (**14:05**):
//
//	2026-11-23T14:05:00Z Rolled back              RFC 3339, also with .250 (or ,250) and +01:00
//	2026-11-23 14:05:30 Detected high error rate  date and time, read in Options.Zone
//	2017/01/31 16:00 UTC — Incident started       slash date, zone word
//	14:51 Paged on-call                           time only: needs a date (below)
//	2:51 PM — ...  2:51pm ...  12:30 p.m. ...     12-hour clocks
//	[14:51] priya: text    [2026-11-23 14:51] priya: text    14:51 <priya> text
//	| 14:51 | Paged on-call |                     Markdown table row (first cell)
//
// Between the time and the text, one of "—", "–", "-", ":", "|", ">" or "."
// may stand. Only the two chat forms take an author: "[time] name: text"
// (a short name that is not a kind or key-moment word) and "time <name> text".
//
// A time-only line takes its day from the latest date heading, a line that is
// only a date: "2026-11-23", "2026/11/23", "## 2026-11-23", "Nov 23, 2026",
// "November 23 2026", "23 November 2026", "Monday, 23 November 2026" (a
// trailing colon and Markdown heading marks are allowed). Before any heading
// it uses Options.Date; with neither it is a Problem ("no date: add a date
// heading or --date"). Times are never moved to the next day: a time earlier
// than the one before it gets the "before the previous event" warning.
//
// A line without a time directly after an event continues it (joined with
// "\n"); a blank line ends the event. A line without a time before any event
// is a Problem, except blank lines, Markdown headings (#), rules and fences
// (---, ***, ```), and table header and separator rows, which are skipped.
// Lines that continue a timed line that was a Problem are Problems too.
// Impossible values are Problems that name them (2026-02-30, 25:00, 13:00 PM,
// +15:00), as are dates without a time of day and month-first dates such as
// 11/23/2026, which are ambiguous.
//
// csv: a header row is required. Columns are found by name, in any case:
// time/timestamp/date/at/when/datetime (a separate "date" and "time" pair is
// joined); author/user/who/name/owner; kind/type/category;
// text/message/body/event/description/what/details/summary. Each time cell is
// read like a text-format time (a time-only cell needs Options.Date). Bad
// rows are Problems with their line number; empty rows are skipped.
//
// slack: one day file of a Slack export, a JSON array of messages. At comes
// from ts (to the millisecond), Author from user_profile.real_name, then
// display_name, then user, username or bot_id. Thread replies are events whose
// body starts with "↳ ". Files are appended to the body as Markdown links
// (title or name, to the permalink or url_private). Slack markup is
// rewritten: <@U1> becomes @name (from profiles in the same file), <#C1|x>
// #x, <url|label> [label](url), and &amp; &lt; &gt; are unescaped. Line is the
// message's 1-based index in the file. ParseDir reads a channel folder: every
// YYYY-MM-DD.json file in date order, with Source naming the file; other
// files (channels.json, users.json) are ignored.
//
// json: Hindsight's own export, {"incident": "INC-0001", "events": [...]} or
// a bare array of events {"at", "kind", "author", "body", "keyMoment"}; "at"
// is RFC 3339 (or a wall-clock time read in Options.Zone, as
// domain.ParseTime reads it). Line is the event's 1-based index.
//
// # Zones
//
// A zone written with the time wins over Options.Zone (nil means UTC): Z, an
// offset (+02:00, +0200, +02 when attached, -0500), UTC or GMT in any case,
// optionally with an offset (UTC+2, GMT-05:00), or one of these capitalised
// abbreviations, each a fixed offset whatever the date: WET +0, WEST +1,
// BST +1 (British Summer Time), CET +1, CEST +2, EET +2, EEST +3, EST -5,
// EDT -4, CDT -5, MST -7, MDT -6, PST -8, PDT -7, JST +9, AEST +10, AEDT +11.
// A word may also be in parentheses: 14:05 (UTC). IST, CST, AST, GST and SST
// name several zones and are Problems rather than guesses. Two zones after a
// time that disagree ("14:05Z EST") are a Problem ("two time zones on one
// line"); zones elsewhere in the text are not looked at.
//
// A time without a zone is a wall-clock time in Options.Zone. A time the
// clocks skip in spring (02:30 on 2026-03-29 in Europe/Berlin) is a Problem.
// A time the clocks show twice in autumn is always the earlier instant, the
// one still on summer time (02:30 on 2026-10-25 in Europe/Berlin is 00:30
// UTC; 01:30 on 2026-11-01 in America/New_York is 05:30 UTC), in every zone,
// unlike time.Date, which does not promise which.
//
// # Skipped
//
// Without a Problem: blank lines, Markdown headings that are not dates,
// rules and code fences, table header and separator rows, empty CSV rows,
// files in a Slack folder not named YYYY-MM-DD.json, and Slack messages with
// the housekeeping subtypes channel_join, channel_leave, channel_topic,
// channel_purpose, channel_name, channel_archive, channel_unarchive, the same
// group_* subtypes, pinned_item, unpinned_item, bot_add, bot_remove and
// tombstone (a deleted message in a thread). Other subtypes (bot_message,
// thread_broadcast, file_share, me_message, ...) are events; records that
// are not messages, and messages with neither text nor files, are Problems.
//
// Not supported: month names on event lines ("Nov 23 14:05"), day-first or
// month-first slash dates, Slack-style "name  2:51 PM" copy-paste blocks,
// and zones mentioned anywhere but right after the time.
package parse
