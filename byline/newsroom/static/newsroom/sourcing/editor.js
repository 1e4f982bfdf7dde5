// The "Source" button of the article body's rich-text toolbar: marks the selected claim with
// the kind of source it rests on (and, optionally, the outlet or person), as a Draftail entity
// that Byline stores as <span data-source-kind="..." data-source-name="...">.
(() => {
  const React = window.React;
  const { EditorState, RichUtils } = window.DraftJS;

  // Draftail draws a string icon as an SVG path: give it Wagtail's icon as an element.
  const icon = React.createElement(
    "svg",
    { className: "icon icon-info-circle", "aria-hidden": "true" },
    React.createElement("use", { href: "#icon-info-circle" }),
  );

  // Before the Source button is first used, the labels come from the sourcing check's panel.
  const kindsOnThePage = () => {
    const script = document.getElementById("source-kinds");
    return script ? JSON.parse(script.textContent) : [];
  };

  const labelOf = (kinds, value) => {
    const found = kinds.find(([kindValue]) => kindValue === value);
    return found ? found[1] : "Unknown kind of source (removed on saving)";
  };

  // A small modal dialog (a <dialog> element, so focus and Escape behave) asking for the kind
  // and the name; resolves to {kind, name} or null when cancelled.
  const askForSource = (kinds, current) =>
    new Promise((resolve) => {
      const dialog = document.createElement("dialog");
      dialog.className = "source-dialog";
      dialog.setAttribute("aria-labelledby", "source-dialog-title");
      const form = document.createElement("form");
      form.method = "dialog";
      const title = document.createElement("h2");
      title.id = "source-dialog-title";
      title.textContent = "How is this claim sourced?";
      const kindLabel = document.createElement("label");
      kindLabel.textContent = "Kind of source";
      const select = document.createElement("select");
      select.name = "source-kind";
      for (const [value, label] of kinds) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = label;
        select.append(option);
      }
      select.value = current.kind || "anonymous";
      kindLabel.append(select);
      const nameLabel = document.createElement("label");
      nameLabel.textContent = "Outlet or person (optional)";
      const name = document.createElement("input");
      name.type = "text";
      name.name = "source-name";
      name.maxLength = 200;
      name.value = current.name || "";
      nameLabel.append(name);
      const buttons = document.createElement("div");
      buttons.className = "source-dialog__buttons";
      const save = document.createElement("button");
      save.type = "submit";
      save.value = "save";
      save.className = "button";
      save.textContent = "Mark the source";
      const cancel = document.createElement("button");
      cancel.type = "submit";
      cancel.value = "cancel";
      cancel.className = "button button-secondary";
      cancel.textContent = "Cancel";
      buttons.append(save, cancel);
      form.append(title, kindLabel, nameLabel, buttons);
      dialog.append(form);
      document.body.append(dialog);
      dialog.addEventListener("close", () => {
        const answer =
          dialog.returnValue === "save" ? { kind: select.value, name: name.value.trim() } : null;
        dialog.remove();
        resolve(answer);
      });
      dialog.showModal();
      select.focus();
    });

  class SourceMarkSource extends React.Component {
    componentDidMount() {
      const { editorState, entityType, entity, entityKey, onComplete, onClose } = this.props;
      const current = entity ? entity.getData() : {};
      askForSource(entityType.kinds, current).then((answer) => {
        if (!answer) {
          onClose();
          return;
        }
        const content = editorState.getCurrentContent();
        if (entity && entityKey) {
          const changed = content.mergeEntityData(entityKey, answer);
          onComplete(EditorState.push(editorState, changed, "apply-entity"));
          return;
        }
        const withEntity = content.createEntity(entityType.type, "MUTABLE", answer);
        const key = withEntity.getLastCreatedEntityKey();
        onComplete(RichUtils.toggleLink(editorState, editorState.getSelection(), key));
      });
    }

    render() {
      return null;
    }
  }

  const SourceMark = (props) => {
    const { entityKey, contentState, children, onEdit, onRemove } = props;
    const data = contentState.getEntity(entityKey).getData();
    const kinds = window.bylineSourceKinds || kindsOnThePage();
    const label = labelOf(kinds, data.kind) + (data.name ? `: ${data.name}` : "");
    return React.createElement(
      "span",
      { className: "source-mark-editor", "data-source-kind": data.kind, title: label },
      React.createElement(
        window.draftail.TooltipEntity,
        { entityKey, onEdit, onRemove, icon, label, url: null },
        children,
      ),
    );
  };

  window.draftail.registerPlugin(
    {
      type: "SOURCE",
      source: (props) => {
        // The decorator has no access to the feature's options; keep the kinds for its labels.
        window.bylineSourceKinds = props.entityType.kinds;
        return React.createElement(SourceMarkSource, props);
      },
      decorator: SourceMark,
    },
    "entityTypes",
  );
})();
