/* A long list of checkboxes that narrows as the editor types, with the chosen names listed above it
   (templates/wagtailadmin/widgets/portal_searchable_checkboxes.html). Registered as a Stimulus
   controller on Wagtail's own application, so lists added to the page later work too. */
(() => {
  const fold = (text) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .trim();

  const register = () => {
    const { app } = window.wagtail;
    app.register(
      'portal-choices',
      class extends window.StimulusModule.Controller {
        static targets = ['query', 'list', 'summary', 'empty'];

        connect() {
          this.listTarget.addEventListener('change', () => this.summarize());
          this.summarize();
        }

        get boxes() {
          return Array.from(this.listTarget.querySelectorAll('input[type="checkbox"]'));
        }

        filter() {
          const query = fold(this.queryTarget.value);
          let shown = 0;
          this.boxes.forEach((box) => {
            const label = box.closest('label');
            const matches = !query || fold(label.textContent).includes(query);
            label.parentElement.hidden = !matches;
            shown += matches ? 1 : 0;
          });
          this.emptyTarget.hidden = shown > 0;
        }

        summarize() {
          const chosen = this.boxes.filter((box) => box.checked).map((box) => box.closest('label').textContent.trim());
          const { labelNone, labelSome } = this.summaryTarget.dataset;
          this.summaryTarget.textContent = chosen.length ? `${labelSome} ${chosen.join(', ')} (${chosen.length})` : labelNone;
        }
      },
    );
  };

  if (window.wagtail && window.wagtail.app) {
    register();
  } else {
    document.addEventListener('DOMContentLoaded', register);
  }
})();
