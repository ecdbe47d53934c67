// A chapter's contents list (templates/portal/chapter_page.html) marks the section being read with
// aria-current="location", so the list shows where the reader is. Without JavaScript the list is the
// same, unmarked.
(function () {
  "use strict";

  var contents = document.querySelector("[data-contents]");
  if (!contents || !("IntersectionObserver" in window)) {
    return;
  }
  var entries = [];
  contents.querySelectorAll("a[href^='#']").forEach(function (link) {
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (target) {
      entries.push({ link: link, target: target });
    }
  });
  if (!entries.length) {
    return;
  }
  var current = null;

  // The section being read: the last one whose start has passed the upper third of the window.
  function reading() {
    var line = window.innerHeight / 3;
    var found = null;
    for (var i = 0; i < entries.length; i += 1) {
      if (entries[i].target.getBoundingClientRect().top <= line) {
        found = entries[i];
      } else {
        break;
      }
    }
    return found;
  }

  // Keeps the marked link in sight inside the list when the list scrolls on its own (wide screens).
  function reveal(link) {
    if (contents.scrollHeight <= contents.clientHeight) {
      return;
    }
    // The list is positioned (sticky, or relative on phones): a link's offsetTop is measured from it.
    var top = link.offsetTop;
    if (top < contents.scrollTop || top > contents.scrollTop + contents.clientHeight - link.offsetHeight) {
      contents.scrollTop = Math.max(0, top - contents.clientHeight / 3);
    }
  }

  function update() {
    var found = reading();
    if (found === current) {
      return;
    }
    if (current) {
      current.link.removeAttribute("aria-current");
    }
    current = found;
    if (current) {
      current.link.setAttribute("aria-current", "location");
      reveal(current.link);
    }
  }

  // Sections entering or leaving a thin band across the upper third of the window are what change
  // the answer, so the observer recomputes only then (no work on every scroll event).
  var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -66% 0px", threshold: [0, 1] });
  entries.forEach(function (entry) {
    observer.observe(entry.target);
  });
  update();
})();
