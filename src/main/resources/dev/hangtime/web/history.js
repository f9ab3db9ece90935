// Hangtime history page: past sessions from /api/sessions, each with its angle chart (taken from
// the session's report, which the export package draws) and its export links.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);

  function duration(ms) {
    const total = Math.round(ms / 1000);
    return Math.floor(total / 60) + ':' + String(total % 60).padStart(2, '0');
  }

  function when(iso) {
    const d = new Date(iso);
    return d.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
      + ' ' + d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }

  const OUTCOMES = { COMPLETE: 'complete', ABORTED: 'ended early', INTERRUPTED: 'interrupted', IN_PROGRESS: 'in progress' };

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    return td;
  }

  function link(href, text, download) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    if (download) {
      a.setAttribute('download', '');
    }
    return a;
  }

  // The report is the export package's page; its first chart is the session's angle over time.
  async function chartOf(url) {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) {
      throw new Error(response.status + ' ' + response.statusText);
    }
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const svg = page.querySelector('svg');
    if (!svg) {
      throw new Error('no chart in the report');
    }
    return document.importNode(svg, true);
  }

  function row(session, columns) {
    const tr = document.createElement('tr');
    const s = session.summary;
    tr.append(
      cell(when(session.startedAt)),
      cell(session.routine),
      cell(OUTCOMES[session.status] || session.status, 'status-' + session.status),
      cell(s ? duration(s.timeInvertedMs) : '–', 'num'),
      cell(s && s.maxAngleDeg !== null ? Math.round(s.maxAngleDeg) + '°' : '–', 'num'),
      cell(s ? s.alarmsHigh + ' / ' + s.alarmsMedium + ' / ' + s.alarmsLow : '–', 'num'),
      cell(s ? s.stepsCompleted + ' of ' + s.stepsTotal : '–', 'num'));
    const actions = document.createElement('td');
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.textContent = 'Chart';
    const base = '/history/' + session.id;
    actions.append(toggle, ' ', link(base, 'Report'), ' · ', link(base + '/samples.csv', 'CSV', true), ' · ',
      link(base + '/summary.csv', 'Summary CSV', true), ' · ', link(base + '/session.json', 'JSON', true));
    tr.append(actions);

    const chartRow = document.createElement('tr');
    chartRow.className = 'chart-row';
    chartRow.hidden = true;
    const chartCell = document.createElement('td');
    chartCell.colSpan = columns;
    chartRow.append(chartCell);
    toggle.addEventListener('click', async () => {
      chartRow.hidden = !chartRow.hidden;
      if (!chartRow.hidden && !chartCell.firstChild) {
        chartCell.textContent = 'Loading the chart…';
        try {
          chartCell.replaceChildren(await chartOf(base));
        } catch (e) {
          chartCell.textContent = 'No chart: ' + e.message;
        }
      }
    });
    return [tr, chartRow];
  }

  async function load() {
    try {
      const response = await fetch('/api/sessions', { credentials: 'same-origin' });
      if (!response.ok) {
        throw new Error(response.status + ' ' + response.statusText);
      }
      const sessions = await response.json();
      if (sessions.length === 0) {
        $('history-status').textContent = 'No sessions recorded yet.';
        return;
      }
      $('history-status').textContent = sessions.length + (sessions.length === 1 ? ' session' : ' sessions') + ', newest first.';
      const body = $('sessions').tBodies[0];
      const columns = $('sessions').tHead.rows[0].cells.length;
      for (const session of sessions) {
        body.append(...row(session, columns));
      }
      $('sessions').hidden = false;
      try {
        $('history-chart').replaceChildren(await chartOf('/history/all'));
      } catch (e) {
        $('history-chart').textContent = '';
      }
    } catch (e) {
      $('history-status').textContent = 'Could not load the sessions: ' + e.message;
    }
  }

  load();
}());
