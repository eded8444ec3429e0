import type { Ref } from 'react';

const MESSAGE_MAX = 500;

/** Characters as the server counts them (code points: an emoji is one). */
const length = (t: string) => [...t].length;

/** The host's own message box; works with the bot off (POST /chat/send). The draft lives in the screen (Reply fills it). */
export function SendBox({
  ref,
  ...props
}: {
  ref: Ref<HTMLInputElement>;
  draft: string;
  setDraft: (text: string) => void;
  sending: boolean;
  error: string | null;
  onSend: (text: string) => Promise<boolean>;
}) {
  const n = length(props.draft);
  const submit = async () => {
    if (!props.draft.trim() || n > MESSAGE_MAX) return;
    if (await props.onSend(props.draft)) props.setDraft('');
  };
  return (
    <form
      className="send-box"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input
        id="chat-input"
        ref={ref}
        aria-label="Message"
        placeholder="Write to chat as yourself…"
        value={props.draft}
        onChange={(e) => props.setDraft(e.target.value)}
        aria-describedby="chat-input-count"
      />
      <span id="chat-input-count" className={`muted small counter${n > MESSAGE_MAX ? ' over' : ''}`}>
        {n}/{MESSAGE_MAX}
      </span>
      <button className="btn btn-primary" disabled={props.sending || !props.draft.trim() || n > MESSAGE_MAX}>
        Send
      </button>
      {props.error && <div className="field-error send-error">{props.error}</div>}
    </form>
  );
}
