// The new-meeting and series dialogs, open from anywhere (the meetings list,
// its keys, the command palette): App mounts them once, this says which is
// open and for what.
import type { MeetingSeries } from '../lib/api';

class MeetingDialogs {
  /** The new-meeting dialog; series is the one to preselect (id), '' for the last used. */
  create = $state(false);
  createSeries = $state('');
  /** The series dialog; editing is the series being edited, null to create one. */
  series = $state(false);
  editing = $state.raw<MeetingSeries | null>(null);
  /** After the series dialog creates one, open the new-meeting dialog for it. */
  thenCreate = $state(false);

  newMeeting(series = ''): void {
    this.createSeries = series;
    this.create = true;
  }

  newSeries(thenCreate = false): void {
    this.editing = null;
    this.thenCreate = thenCreate;
    this.series = true;
  }

  editSeries(s: MeetingSeries): void {
    this.editing = s;
    this.thenCreate = false;
    this.series = true;
  }
}

export const meetingDialogs = new MeetingDialogs();
