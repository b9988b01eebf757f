// Sortable tables: click (or Enter on) a column heading of a table inside .plansite-sortable.
// Numbers sort as numbers, largest first on the first click (a count's question is "who has the
// most"); a cell such as "3†·2" sorts by its first number, an empty cell as 0. Text sorts A→Z
// first, in the page's locale order. No library, works offline.
(function () {
  function cellValue(row, index) {
    var text = row.cells[index].textContent.trim();
    if (text === "") return 0;
    var number = /^\d+/.exec(text);
    return number ? Number(number[0]) : text;
  }
  function sortBy(table, index, heading) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var current = heading.getAttribute("aria-sort");
    var numeric = rows.some(function (row) { return typeof cellValue(row, index) === "number" && row.cells[index].textContent.trim() !== ""; });
    var ascending = current ? current !== "ascending" : !numeric;
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  function setUp() {
    document.querySelectorAll(".plansite-sortable table").forEach(function (table) {
      if (!table.tHead || table.dataset.sortable) return;
      table.dataset.sortable = "yes";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, index) {
        heading.tabIndex = 0;
        heading.addEventListener("click", function () { sortBy(table, index, heading); });
        heading.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, index, heading); }
        });
      });
    });
  }
  if (window.document$) { window.document$.subscribe(setUp); } else { document.addEventListener("DOMContentLoaded", setUp); }
})();

// Copy link / Copy citation buttons on task pages, and Print buttons. Handlers are attached here,
// never inline, so a strict Content-Security-Policy holds. Works from file:// too.
(function () {
  function permanentLink(box) {
    var citation = box.querySelector(".plansite-citation").textContent.trim();
    var url = citation.slice(citation.lastIndexOf(" ") + 1);
    if (/^https?:\/\//.test(url)) return url;  // the site's address is configured: cite it
    if (/^https?:$/.test(location.protocol)) return location.origin + box.dataset.path;
    // An offline copy built without the site's address: the permanent path, with the edition and
    // task in words (a file:// address means nothing on another machine).
    return box.dataset.path + " (" + box.dataset.words + ")";
  }
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
    return Promise.resolve();
  }
  // A titled hyperlink for Word, Outlook or Google Docs: HTML on the clipboard, plain text beside it.
  function copyLink(title, url) {
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.textContent = title;
    var html = anchor.outerHTML, plain = title + " " + url;
    if (navigator.clipboard && window.isSecureContext && window.ClipboardItem) {
      return navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([plain], { type: "text/plain" })
      })]);
    }
    // file:// (no secure context): the copy event can still carry both forms.
    var put = function (event) {
      event.clipboardData.setData("text/html", html);
      event.clipboardData.setData("text/plain", plain);
      event.preventDefault();
    };
    document.addEventListener("copy", put);
    document.execCommand("copy");
    document.removeEventListener("copy", put);
    return Promise.resolve();
  }
  function setUp() {
    document.querySelectorAll(".plansite-cite").forEach(function (box) {
      if (box.dataset.ready) return;
      box.dataset.ready = "yes";
      var status = box.querySelector(".plansite-copied");
      box.querySelectorAll(".plansite-copy").forEach(function (button) {
        button.addEventListener("click", function () {
          var citation = box.querySelector(".plansite-citation").textContent.trim();
          var link = permanentLink(box);
          var last = citation.slice(citation.lastIndexOf(" ") + 1);
          // The citation ends with the address (an offline copy without one: the path, in words after it).
          var cited = /^(https?:\/\/|\/)/.test(last) ? citation.slice(0, citation.lastIndexOf(" ") + 1) + link : citation;
          var linkable = /^https?:\/\//.test(link);
          var done = button.dataset.copy === "html" && linkable ? copyLink(box.dataset.title, link)
            : copyText(button.dataset.copy === "citation" ? cited : button.dataset.copy === "html" ? box.dataset.title + " " + link : link);
          done.then(function () { status.textContent = "已复制 · Copied"; });
        });
      });
    });
    document.querySelectorAll(".plansite-print").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "yes";
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (window.document$) { window.document$.subscribe(setUp); } else { document.addEventListener("DOMContentLoaded", setUp); }
})();

// Accessibility: Material's search overlay is a dialog without a name; give it one.
(function () {
  function name() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "搜索 · Search");
  }
  if (window.document$) { window.document$.subscribe(name); } else { document.addEventListener("DOMContentLoaded", name); }
})();

// The task table: filter rows by section, department (with role) and keyword. The filters live in
// the query string (?department=cnipa&role=lead), so a filtered view can be linked; no network.
(function () {
  function match(pattern, link) {
    var found = link && pattern.exec(link.getAttribute("href"));
    return found ? found[1] : "";
  }
  // Lower case, one space between words, and an English plural "s" cut as the site search does,
  // so "trade secrets" and "trade secret" find the same tasks.
  function normalise(text) {
    return text.toLowerCase().replace(/\s+/g, " ").replace(/([a-z]{3})s\b/g, "$1");
  }
  var DEPARTMENT = /departments\/([a-z0-9-]+)(?:\/|\.html)/;
  var SECTION = /sections\/(\d+)(?:\/|\.html)/;

  function setUp() {
    var form = document.querySelector(".plansite-filters");
    var table = document.querySelector(".plansite-task-table table");
    if (!form || !table || form.dataset.ready) return;
    form.dataset.ready = "yes";
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      return {
        row: row,
        section: match(SECTION, row.cells[2].querySelector("a")),
        lead: match(DEPARTMENT, row.cells[3].querySelector("a")),
        participants: Array.prototype.map.call(row.cells[4].querySelectorAll("a"), function (a) { return match(DEPARTMENT, a); }),
        status: (row.querySelector(".plansite-status-id") || { textContent: "" }).textContent.trim(),
        topics: (row.querySelector(".plansite-topic-ids") || { textContent: "" }).textContent.split(" "),
        text: normalise(row.textContent)
      };
    });
    var params = new URLSearchParams(location.search);
    ["section", "department", "role", "topic", "status", "q"].forEach(function (name) {
      if (params.has(name)) form.elements[name].value = params.get(name);
    });
    function apply() {
      var section = form.elements.section.value, department = form.elements.department.value;
      var role = form.elements.role.value, words = normalise(form.elements.q.value.trim());
      var status = form.elements.status.value, topic = form.elements.topic.value;
      // A short Latin query ("AI", "GI") matches whole words only: as a substring, "ai" is in "chain".
      var whole = /^[a-z0-9]{1,3}$/.test(words) ? new RegExp("(^|[^a-z0-9])" + words + "([^a-z0-9]|$)") : null;
      var shown = 0;
      rows.forEach(function (r) {
        var leads = r.lead === department, joins = r.participants.indexOf(department) >= 0;
        var ok = (!section || r.section === section) &&
          (!department || (role === "lead" ? leads : role === "participant" ? joins : leads || joins)) &&
          (department || !role || (role === "lead" ? r.lead : r.participants.length)) &&
          (!status || r.status === status) &&
          (!topic || r.topics.indexOf(topic) >= 0) &&
          (!words || (whole ? whole.test(r.text) : r.text.indexOf(words) >= 0));
        r.row.hidden = !ok;
        if (ok) shown += 1;
      });
      form.querySelector(".plansite-count").textContent = shown + " 项任务 · " + shown + (shown === 1 ? " task" : " tasks");
      var query = new URLSearchParams();
      ["section", "department", "role", "topic", "status", "q"].forEach(function (name) {
        if (form.elements[name].value) query.set(name, form.elements[name].value);
      });
      var search = query.toString();
      try { history.replaceState(null, "", search ? "?" + search : location.pathname); } catch (e) { /* some file:// setups refuse */ }
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }
  if (window.document$) { window.document$.subscribe(setUp); } else { document.addEventListener("DOMContentLoaded", setUp); }
})();

// Wide tables: where one is wider than the screen, a cue under it says it scrolls sideways. The
// printed date: a page prints with the day it was printed, beside the data's notice.
(function () {
  function cues() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.classList.toggle("plansite-scrolls", wide);
      var before = wrap.previousElementSibling;  // the cue goes above: a long table's end is far away
      if (wide && !(before && before.classList.contains("plansite-scroll-cue"))) {
        var cue = document.createElement("p");
        cue.className = "plansite-scroll-cue";
        cue.textContent = "← 左右滑动查看全表 · Swipe sideways for the whole table →";
        wrap.parentNode.insertBefore(cue, wrap);
      }
    });
  }
  function dated() {
    var today = new Date().toISOString().slice(0, 10);
    document.querySelectorAll(".plansite-print-date").forEach(function (p) { p.textContent = today; });
    // The foot of every printed page (a page margin box reads it): the notice, the date and, on
    // the hosted site, the page's address, so a sheet that is separated from the others still says them.
    if (!document.querySelector(".plansite-print-notice")) return;
    var canonical = document.querySelector('link[rel="canonical"]');
    var address = canonical ? canonical.href : (location.protocol === "file:" ? "" : location.href.split("#")[0]);
    var foot = "英文为非官方译文 · The English is an unofficial translation · 打印日期 · Printed " + today +
      (address ? " · " + address : "");
    document.documentElement.style.setProperty("--plansite-print-foot", '"' + foot.replace(/["\\\n]/g, " ") + '"');
  }
  function setUp() { cues(); dated(); }
  window.addEventListener("resize", cues);
  window.addEventListener("beforeprint", dated);
  if (window.document$) { window.document$.subscribe(setUp); } else { document.addEventListener("DOMContentLoaded", setUp); }
})();
