/**
 * In-page chat input, React-controlled where it matters to a driver: what is sent is the page's own state,
 * changed only by `input` events; a bare `el.value = ...` changes nothing that is sent. Enter (or the send
 * button) pushes the state over the socket and clears the input from state.
 */
export const INPUT_JS = String.raw`
function createChatInput(form, send) {
  var input = form.querySelector('[data-testid="chat-input"]');
  var draft = '';
  input.addEventListener('input', function () { draft = input.value; });
  input.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      submit();
    }
  });
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    submit();
  });
  function submit() {
    var text = draft.trim();
    if (!text) return;
    draft = '';
    input.value = '';
    send(text);
  }
  return { get draft() { return draft; } };
}
`;
