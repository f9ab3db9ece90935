// Hangtime live display. Plain JS, no build step. Renders the session's snapshots from the
// server's event stream; never shows an angle it cannot vouch for (no event for over a second,
// or the session says the reading is stale: "NO DATA").
'use strict';

(function () {
  const STALE_AFTER_MS = 1000;       // DISPLAY.md: no event for more than 1 s -> grey out, NO DATA
  const RETRY_FIRST_MS = 500;
  const RETRY_MAX_MS = 4000;
  const GAUGE_RADIUS = 200;          // SVG units; the arc the head end of the table travels

  const $ = (id) => document.getElementById(id);
  const screenEl = $('screen');

  let last = null;                   // the last snapshot rendered
  let lastEventAt = -Infinity;       // performance.now() of the last snapshot event
  let lastEventId = null;
  let source = null;
  let retryMs = RETRY_FIRST_MS;
  let reconnectTimer = null;
  let stale = true;

  // ---------------------------------------------------------------- gauge

  function point(deg, radius) {
    const a = deg * Math.PI / 180;
    return [radius * Math.cos(a), radius * Math.sin(a)];
  }

  // An arc of the dial from fromDeg to toDeg (clamped to the table's -90..90 range).
  function arcPath(fromDeg, toDeg, radius) {
    const from = Math.max(-90, Math.min(90, fromDeg));
    const to = Math.max(-90, Math.min(90, toDeg));
    if (!(to > from)) {
      return '';
    }
    const [x1, y1] = point(from, radius);
    const [x2, y2] = point(to, radius);
    // SVG y grows downwards, so a growing angle runs clockwise: sweep flag 1
    return `M ${x1.toFixed(1)} ${y1.toFixed(1)} A ${radius} ${radius} 0 ${to - from > 180 ? 1 : 0} 1 ${x2.toFixed(1)} ${y2.toFixed(1)}`;
  }

  function buildTicks() {
    const ns = 'http://www.w3.org/2000/svg';
    const ticks = $('ticks');
    for (let deg = -90; deg <= 90; deg += 30) {
      const [x1, y1] = point(deg, GAUGE_RADIUS + 16);
      const [x2, y2] = point(deg, GAUGE_RADIUS + 30);
      const line = document.createElementNS(ns, 'line');
      line.setAttribute('x1', x1.toFixed(1));
      line.setAttribute('y1', y1.toFixed(1));
      line.setAttribute('x2', x2.toFixed(1));
      line.setAttribute('y2', y2.toFixed(1));
      ticks.appendChild(line);
      const [tx, ty] = point(deg, GAUGE_RADIUS + 36);
      const text = document.createElementNS(ns, 'text');
      text.setAttribute('x', tx.toFixed(1));
      text.setAttribute('y', (ty + 6).toFixed(1));
      text.setAttribute('text-anchor', Math.abs(deg) === 90 ? 'middle' : 'start');
      if (deg === -90) {
        text.setAttribute('y', (ty - 4).toFixed(1));
      } else if (deg === 90) {
        text.setAttribute('y', (ty + 16).toFixed(1));
      }
      text.textContent = deg === -90 ? 'upright' : deg === 90 ? '90° head-down' : deg + '°';
      ticks.appendChild(text);
    }
  }

  let bandsKey = '';
  function renderBands(gauge) {
    const key = gauge ? [gauge.maxAngleDeg, gauge.advisoryAngleDeg, gauge.targetMinDeg, gauge.targetMaxDeg].join() : '';
    if (key === bandsKey) {
      return;
    }
    bandsKey = key;
    if (!gauge) {
      for (const id of ['band-normal', 'band-advisory', 'band-alarm', 'band-target']) {
        $(id).setAttribute('d', '');
      }
      return;
    }
    $('band-normal').setAttribute('d', arcPath(-90, gauge.advisoryAngleDeg, GAUGE_RADIUS));
    $('band-advisory').setAttribute('d', arcPath(gauge.advisoryAngleDeg, gauge.maxAngleDeg, GAUGE_RADIUS));
    $('band-alarm').setAttribute('d', arcPath(gauge.maxAngleDeg, 90, GAUGE_RADIUS));
    const hasTarget = gauge.targetMinDeg !== null && gauge.targetMaxDeg !== null;
    $('band-target').setAttribute('d', hasTarget ? arcPath(gauge.targetMinDeg, gauge.targetMaxDeg, GAUGE_RADIUS - 26) : '');
  }

  function showAngle(s) {
    const needle = $('needle');
    const fresh = s && !stale && !s.ended && s.angleDeg !== null;
    if (!fresh) {
      // never leave a number up that we cannot vouch for (nor one from a session that has ended)
      $('angle').textContent = '--';
      $('angle-caption').textContent = s && s.ended ? 'session over'
        : s && !stale && s.angleWithheld ? 'NO DATA: ' + s.angleWithheld : 'NO DATA';
      needle.setAttribute('visibility', 'hidden');
      $('gauge').dataset.sampleSeq = '';
      return;
    }
    const deg = s.angleDeg;
    $('angle').textContent = Math.round(deg) + '°';
    $('angle-caption').textContent = deg >= 0 ? 'head-down' : 'head-up';
    needle.setAttribute('visibility', 'visible');
    needle.setAttribute('transform', `rotate(${Math.max(-95, Math.min(95, deg)).toFixed(1)})`);
    needle.classList.toggle('alarm', s.gauge !== null && deg > s.gauge.maxAngleDeg);
    // what the latency benchmark watches: the sample now on screen
    $('gauge').dataset.sampleSeq = s.sampleSeq === null ? '' : String(s.sampleSeq);
  }

  // ---------------------------------------------------------------- text

  // Countdowns round up (0:00 means done); elapsed time rounds down (0:09 means nine whole seconds).
  function clock(ms, roundDown) {
    const total = Math.max(0, roundDown ? Math.floor(ms / 1000) : Math.ceil(ms / 1000));
    const minutes = Math.floor(total / 60);
    const seconds = total % 60;
    return minutes + ':' + String(seconds).padStart(2, '0');
  }

  function setText(id, text) {
    const el = $(id);
    if (el.textContent !== text) {
      el.textContent = text;
    }
  }

  function renderList(id, items) {
    const el = $(id);
    const key = JSON.stringify(items);
    if (el.dataset.key === key) {
      return;
    }
    el.dataset.key = key;
    el.replaceChildren(...items.map((item) => {
      const li = document.createElement('li');
      if (Array.isArray(item)) {
        const strong = document.createElement('strong');
        strong.textContent = item[0];
        li.append(strong, item[1]);
      } else {
        li.textContent = item;
      }
      return li;
    }));
  }

  // "Return to horizontal now: 34° is above your 30° limit" -> ["Return to horizontal now", "34° is ..."]
  function headline(message) {
    const colon = message.indexOf(': ');
    return colon > 0 ? [message.substring(0, colon), message.substring(colon + 2)] : [message, ''];
  }

  function render(s) {
    last = s;
    screenEl.dataset.ended = String(s.ended);
    showAngle(s);
    renderBands(s.gauge);
    setText('phase', s.phaseLabel || s.phase || '');
    // while an alarm's message is the instruction, the banner carries its detail: say only what to do
    const top = s.alarms.length ? s.alarms[0] : null;
    setText('instruction', top && top.message === s.instruction ? headline(top.message)[0] : (s.instruction || ''));
    $('instruction').classList.toggle('long', (s.instruction || '').length > 60);
    setText('notice', s.notice || '');
    $('notice').hidden = !s.notice;

    const [first, ...others] = s.countdowns;
    $('countdown').hidden = !first;
    if (first) {
      setText('countdown-label', first.label);
      setText('countdown-value', clock(first.remainingMs));
    }
    setText('other-countdowns', others.map((c) => c.label + ' ' + clock(c.remainingMs)).join(' · '));

    setText('time-inverted-value', clock(s.timeInvertedMs, true));
    const fill = $('time-inverted-fill');
    if (s.timeInvertedLimitMs) {
      setText('time-inverted-limit', 'of ' + clock(s.timeInvertedLimitMs));
      const fraction = Math.min(1, s.timeInvertedMs / s.timeInvertedLimitMs);
      fill.style.width = (fraction * 100).toFixed(1) + '%';
      fill.className = fraction >= 1 ? 'alarm' : fraction >= 0.85 ? 'advisory' : '';
    } else {
      setText('time-inverted-limit', '');
      fill.style.width = '0';
    }
    renderList('limits', s.limits.map((l) => [l.name + ' ≤ ' + l.value, ' set by ' + l.source]));
    $('summary').hidden = !s.ended;
    renderList('summary-lines', s.summary);
    setText('device', (s.simulated ? 'SIMULATED TABLE · ' : '') + (s.routineName || '') + (s.link ? ' · ' + s.link : ''));

    // Start only before a session; nothing to press once it has ended
    $('start').disabled = s.ended || !(s.phase === 'IDLE' || s.phase === 'READY');
    $('stop').disabled = s.ended;
    renderAlarms(s);
    updateFlip();
    guide(s);
  }

  // ---------------------------------------------------------------- alarms: banner, tones, voice

  let audio = null;
  let soundMuted = false;
  let voiceMuted = false;
  let tonePriority = null;
  let toneTimer = null;
  const spokenAlarms = new Set();
  let highRepeatTimer = null;

  function renderAlarms(s) {
    const banner = $('alarm-banner');
    const top = s.alarms.length ? s.alarms[0] : null;
    banner.hidden = !top;
    banner.className = top ? top.priority.toLowerCase() : '';
    if (top) {
      const [what, why] = headline(top.message);
      setText('alarm-priority', top.priority);
      setText('alarm-message', what);
      setText('alarm-detail', why);
      setText('alarm-more', s.alarms.length > 1 ? '+' + (s.alarms.length - 1) + ' more' : '');
      $('acknowledge').hidden = !top.acknowledgeable;
    }
    $('check-in').hidden = !s.alarms.some((a) => a.reason.indexOf('CHECK_IN') >= 0);
    setTone(s.ended ? null : s.sounding);
    for (const alarm of s.alarms) {
      const key = alarm.reason + '@' + alarm.raisedAtMs;
      if (!spokenAlarms.has(key)) {
        spokenAlarms.add(key);
        say(alarm.message, alarm.priority === 'HIGH');
      }
    }
    const highActive = s.alarms.some((a) => a.priority === 'HIGH');
    if (highActive && !highRepeatTimer) {
      // a high alarm keeps speaking until its condition clears, muted or not
      highRepeatTimer = setInterval(() => {
        const high = last && !last.ended && last.alarms.find((a) => a.priority === 'HIGH');
        if (high) {
          say(high.message, true);
        }
      }, 8000);
    } else if (!highActive && highRepeatTimer) {
      clearInterval(highRepeatTimer);
      highRepeatTimer = null;
    }
  }

  // IEC 60601-1-8-style bursts: pulse start offsets (ms), pulse length, pitch, repeat interval.
  const PATTERNS = {
    HIGH: { pulses: [0, 250, 500, 1000, 1250, 2250, 2500, 2750, 3250, 3500], length: 150, hz: 660, everyMs: 6000 },
    MEDIUM: { pulses: [0, 300, 600], length: 200, hz: 520, everyMs: 8000 },
    LOW: { pulses: [0, 350], length: 250, hz: 440, everyMs: 20000 },
  };

  function ensureAudio() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) {
      return;
    }
    if (!audio) {
      audio = new Ctx();
      audio.addEventListener('statechange', updateSoundBlocked);
    }
    if (audio.state === 'suspended') {
      audio.resume().catch(() => {});
    }
    updateSoundBlocked();
  }

  function updateSoundBlocked() {
    $('sound-blocked').hidden = !!audio && audio.state === 'running';
  }

  function playBurst(priority) {
    const pattern = PATTERNS[priority];
    if (!audio || audio.state !== 'running' || !pattern) {
      return;
    }
    const start = audio.currentTime + 0.02;
    for (const offset of pattern.pulses) {
      const at = start + offset / 1000;
      const end = at + pattern.length / 1000;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'square';           // odd harmonics: the spectrum IEC 60601-1-8 asks of alarm tones
      osc.frequency.value = pattern.hz;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.25, at + 0.02);
      gain.gain.setValueAtTime(0.25, end - 0.02);
      gain.gain.linearRampToValueAtTime(0, end);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(end + 0.01);
    }
  }

  function setTone(sounding) {
    // mute silences low and medium only: a high alarm is never silenced from the display
    const wanted = sounding === 'HIGH' || (sounding && !soundMuted) ? sounding : null;
    if (wanted === tonePriority) {
      return;
    }
    tonePriority = wanted;
    screenEl.dataset.tone = wanted || 'none';
    clearInterval(toneTimer);
    toneTimer = null;
    if (wanted) {
      playBurst(wanted);
      toneTimer = setInterval(() => playBurst(wanted), PATTERNS[wanted].everyMs);
    }
  }

  function spoken(text) {
    return text.replace(/°/g, ' degrees');
  }

  function say(text, urgent) {
    if (!text || (voiceMuted && !urgent)) {
      return;
    }
    screenEl.dataset.lastSpoken = text;
    if (!('speechSynthesis' in window)) {
      return;
    }
    if (urgent) {
      window.speechSynthesis.cancel();
    }
    const utterance = new SpeechSynthesisUtterance(spoken(text));
    utterance.rate = 0.95;
    window.speechSynthesis.speak(utterance);
  }

  let guidanceKey = '';
  function guide(s) {
    // speak a new instruction, not every change of a number inside it
    const key = (s.instruction || '').replace(/[0-9:]+/g, '#');
    if (key === guidanceKey) {
      return;
    }
    guidanceKey = key;
    if (!s.alarms.some((a) => a.priority === 'HIGH')) {
      say(s.instruction, false);
    }
  }

  // ---------------------------------------------------------------- flip mode

  const FLIP_MODES = ['auto', 'on', 'off'];
  let flipMode = FLIP_MODES.includes(localStorage.getItem('hangtime.flip')) ? localStorage.getItem('hangtime.flip') : 'auto';

  function updateFlip() {
    const flipped = flipMode === 'on' || (flipMode === 'auto' && !!last && last.inverted && !last.ended);
    screenEl.dataset.flipped = String(flipped);
    setText('flip', 'Flip: ' + flipMode);
  }

  // ---------------------------------------------------------------- staleness

  function checkStale() {
    const nowStale = !last || (!last.ended && performance.now() - lastEventAt > STALE_AFTER_MS);
    if (nowStale !== stale) {
      stale = nowStale;
      screenEl.dataset.stale = String(stale);
      showAngle(last);
      if (stale && last && !last.ended) {
        setText('phase', 'NO DATA');
        setText('instruction', 'No data from the session: come back to horizontal if unsure');
        setText('device', (last.simulated ? 'SIMULATED TABLE · ' : '') + (last.routineName || '') + ' · state unknown');
      } else if (!stale && last) {
        render(last);
      }
    }
  }

  // ---------------------------------------------------------------- connection

  function setConnection(state) {
    const el = $('connection');
    el.textContent = state;
    el.className = state === 'live' ? 'live' : 'lost';
    screenEl.dataset.connected = String(state === 'live');
  }

  function connect() {
    clearTimeout(reconnectTimer);
    const url = '/events' + (lastEventId ? '?lastEventId=' + encodeURIComponent(lastEventId) : '');
    const es = new EventSource(url);
    source = es;
    es.addEventListener('open', () => {
      if (source === es) {
        setConnection('live');
      }
    });
    es.addEventListener('snapshot', (event) => {
      if (source !== es) {
        return;
      }
      lastEventId = event.lastEventId;
      lastEventAt = performance.now();
      retryMs = RETRY_FIRST_MS;
      const wasStale = stale;
      stale = false;
      screenEl.dataset.stale = 'false';
      render(JSON.parse(event.data));
      if (wasStale) {
        showAngle(last);
      }
    });
    es.addEventListener('error', () => {
      if (source !== es) {
        return;
      }
      // take reconnection into our own hands: the browser gives up for good on an HTTP error
      es.close();
      source = null;
      setConnection('reconnecting');
      reconnectTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    });
  }

  // ---------------------------------------------------------------- controls, wake lock

  async function control(request) {
    ensureAudio();
    try {
      const response = await fetch('/api/control/' + request, { method: 'POST', credentials: 'same-origin' });
      if (!response.ok) {
        setText('connection', request + ' refused (' + response.status + ')');
      }
    } catch (e) {
      setText('connection', request + ' not sent: ' + e.message);
    }
  }

  let wakeLock = null;
  async function keepScreenOn() {
    if (!('wakeLock' in navigator)) {
      setText('wake-lock', 'screen may sleep (no wake lock over plain http)');
      return;
    }
    try {
      wakeLock = await navigator.wakeLock.request('screen');
      setText('wake-lock', 'screen stays on');
      wakeLock.addEventListener('release', () => setText('wake-lock', 'screen may sleep'));
    } catch (e) {
      setText('wake-lock', 'screen may sleep');
    }
  }

  function init() {
    buildTicks();
    $('start').addEventListener('click', () => control('start'));
    $('stop').addEventListener('click', () => control('stop'));
    $('acknowledge').addEventListener('click', () => control('acknowledge'));
    $('check-in').addEventListener('click', () => control('check-in'));
    $('mute-sound').addEventListener('click', () => {
      soundMuted = !soundMuted;
      $('mute-sound').setAttribute('aria-pressed', String(soundMuted));
      setText('mute-sound', soundMuted ? 'Sound muted' : 'Sound on');
      tonePriority = undefined; // re-evaluate with the new mute setting
      setTone(last && !last.ended ? last.sounding : null);
    });
    $('mute-voice').addEventListener('click', () => {
      voiceMuted = !voiceMuted;
      $('mute-voice').setAttribute('aria-pressed', String(voiceMuted));
      setText('mute-voice', voiceMuted ? 'Voice muted' : 'Voice on');
      if (voiceMuted && 'speechSynthesis' in window) {
        window.speechSynthesis.cancel();
      }
    });
    $('flip').addEventListener('click', () => {
      flipMode = FLIP_MODES[(FLIP_MODES.indexOf(flipMode) + 1) % FLIP_MODES.length];
      localStorage.setItem('hangtime.flip', flipMode);
      updateFlip();
    });
    // browsers start audio only after a gesture; any tap on the page arms the alarm sound
    document.addEventListener('pointerdown', ensureAudio);
    document.addEventListener('keydown', ensureAudio);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        keepScreenOn();
      }
    });
    ensureAudio();
    keepScreenOn();
    updateFlip();
    screenEl.dataset.tone = 'none';
    setInterval(checkStale, 100);
    // open the stream once the page has loaded: a stream opened earlier keeps the page "loading"
    // for ever (a spinning tab, and tools that wait for the load event never see a snapshot)
    if (document.readyState === 'complete') {
      connect();
    } else {
      window.addEventListener('load', connect, { once: true });
    }
  }

  init();
}());
