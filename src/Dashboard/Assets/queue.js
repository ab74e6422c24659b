// The live queue: follows each tenant's feed over SignalR from the sequence the page was rendered at, and keeps
// the table (most severe, then newest first), the unassigned counter and the filters in step. No reload needed.
(function () {
  "use strict";
  const table = document.getElementById("queue");
  if (!table || !window.signalR) { return; }
  const body = table.tBodies[0];
  const state = JSON.parse(table.dataset.state);
  const after = state.after || {};
  const filter = state.filter || {};
  const unassigned = new Set(state.unassigned || []);
  const status = document.getElementById("live-status");
  const counter = document.getElementById("unassigned-count");
  const empty = document.getElementById("empty");
  const cue = document.getElementById("cue");

  cue.checked = localStorage.getItem("livewatch.cue") === "on";
  cue.addEventListener("change", () => localStorage.setItem("livewatch.cue", cue.checked ? "on" : "off"));

  function passes(row) {
    return (!filter.level || row.level === filter.level)
      && (!filter.state || row.state === filter.state)
      && (!filter.stream || row.streamId === filter.stream)
      && (filter.bank == null || row.bankId === filter.bank);
  }

  function cell(text, className) {
    const td = document.createElement("td");
    if (className) { td.className = className; }
    td.textContent = text == null ? "" : String(text);
    return td;
  }

  function render(row) {
    const tr = document.createElement("tr");
    tr.dataset.id = row.incidentId;
    tr.dataset.rank = row.levelRank;
    tr.dataset.opened = Date.parse(row.openedAt);
    const level = document.createElement("td");
    const badge = document.createElement("span");
    badge.className = "level level-" + row.level.toLowerCase();
    badge.textContent = row.level;
    level.appendChild(badge);
    const stream = document.createElement("td");
    const link = document.createElement("a");
    link.href = "/dashboard/incidents/" + row.incidentId;
    link.textContent = row.streamId;
    stream.appendChild(link);
    const opened = document.createElement("td");
    const time = document.createElement("time");
    time.dateTime = row.openedAt;
    time.textContent = new Date(row.openedAt).toISOString().replace("T", " ").substring(0, 19) + "Z";
    opened.appendChild(time);
    tr.append(level, stream, cell(row.tenantId), cell(row.state), cell(row.matchCount, "num"), cell(row.bestDistance, "num"),
      cell(row.bankName), opened, cell(row.assignedTo || "—"));
    return tr;
  }

  function place(tr) {
    const rank = Number(tr.dataset.rank), opened = Number(tr.dataset.opened);
    for (const other of body.rows) {
      const r = Number(other.dataset.rank), o = Number(other.dataset.opened);
      if (rank > r || (rank === r && opened > o)) { body.insertBefore(tr, other); return; }
    }
    body.appendChild(tr);
  }

  function signal(tr) {
    if (!cue.checked) { return; }
    tr.classList.add("flash");
    setTimeout(() => tr.classList.remove("flash"), 3000);
    try {
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      tone.frequency.value = 660;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.2);
    } catch (e) { /* no audio: the flash is enough */ }
  }

  function apply(event) {
    after[event.tenantId] = Math.max(after[event.tenantId] || 0, event.sequence);
    const row = event.row;
    if (!row) { return; }
    if (row.state === "Open" && !row.assignedTo) { unassigned.add(row.incidentId); } else { unassigned.delete(row.incidentId); }
    counter.textContent = String(unassigned.size);
    const existing = body.querySelector('tr[data-id="' + row.incidentId + '"]');
    if (existing) { existing.remove(); }
    if (passes(row)) {
      const tr = render(row);
      place(tr);
      if (event.kind === "IncidentOpened") { signal(tr); }
    }
    empty.hidden = body.rows.length > 0;
  }

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/dashboard/hub")
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(10000, 1000 * (ctx.previousRetryCount + 1)) })
    .build();

  function follow() {
    for (const tenant of Object.keys(after)) {
      connection.stream("Follow", tenant, after[tenant]).subscribe({
        next: apply,
        error: err => { status.textContent = "Live feed interrupted (" + err + "); reconnecting…"; },
        complete: () => { },
      });
    }
    status.textContent = "Live: new incidents appear without reloading.";
    table.dataset.live = "on";
  }

  connection.onreconnecting(() => { status.textContent = "Connection lost; reconnecting…"; table.dataset.live = "off"; });
  connection.onreconnected(follow);
  connection.onclose(() => { status.textContent = "Live feed closed; reload the page to reconnect."; table.dataset.live = "off"; });
  connection.start().then(follow).catch(err => { status.textContent = "Could not connect to the live feed: " + err; });
})();
