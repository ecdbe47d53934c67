// "Cite this" (templates/components/cite.html): a copy button for each citation. Without JavaScript
// the buttons stay hidden and the citations are plain text to select and copy.
(function () {
  "use strict";

  function copyWithSelection(source) {
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(source) {
    var text = source.textContent.replace(/\s+/g, " ").trim();
    if (!navigator.clipboard || !window.isSecureContext) {
      return copyWithSelection(source);
    }
    if (window.ClipboardItem && navigator.clipboard.write) {
      // Rich text keeps the italics when pasted into a word processor; plain text everywhere else.
      var item = new window.ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([source.innerHTML], { type: "text/html" }),
      });
      return navigator.clipboard.write([item]).catch(function () {
        return navigator.clipboard.writeText(text);
      });
    }
    return navigator.clipboard.writeText(text);
  }

  // The message in the page's language, or marked with its own while it has no translation.
  function say(box, status, name) {
    status.textContent = box.getAttribute("data-" + name) || "";
    var lang = box.getAttribute("data-" + name + "-lang");
    if (lang) {
      status.setAttribute("lang", lang);
    } else {
      status.removeAttribute("lang");
    }
  }

  document.querySelectorAll(".cite").forEach(function (box) {
    var status = box.querySelector(".cite__status");
    box.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        status.textContent = "";
        copy(source).then(
          function () {
            say(box, status, "copied");
          },
          function () {
            copyWithSelection(source).catch(function () {});
            say(box, status, "copy-failed");
          }
        );
      });
    });
  });
})();
