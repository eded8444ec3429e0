import { Card } from '../../components/ui.js';
import { STEP_IDS, type StepId } from '../../stores/newcomer.js';

/** What each step asks, in the seller's words, and the screen that does it. */
const STEPS: Record<StepId, { title: string; hint: string; href: string; action: string }> = {
  practice: {
    title: 'Try the practice stream',
    hint: 'A pretend show with simulated viewers: watch the bot welcome, answer and run a giveaway before you go live.',
    href: '#/accounts',
    action: 'Open accounts',
  },
  account: {
    title: 'Add your account',
    hint: 'Your shop on Whatnot, YouTube, Twitch, Kick or eBay, with its live page.',
    href: '#/accounts',
    action: 'Add account',
  },
  login: {
    title: 'Log in once',
    hint: 'Connect the chat and log in to the site in the window that opens; BuzzChat remembers it.',
    href: '#/overview',
    action: 'Connect the chat',
  },
  connect: {
    title: "Connect tonight's show",
    hint: "Paste tonight's live page in the chat connection card and press Connect.",
    href: '#/overview',
    action: 'Chat connection',
  },
  live: {
    title: 'Go live',
    hint: 'Start your show on the site: the show card fills in as viewers chat, tip and buy.',
    href: '#/chat',
    action: 'Open live chat',
  },
};

export function Checklist(props: { done: StepId[]; onHide: () => void }) {
  const finished = props.done.length === STEP_IDS.length;
  const next = STEP_IDS.find((id) => !props.done.includes(id));
  return (
    <Card
      title="Getting started"
      className="checklist-card"
      actions={
        finished ? (
          <button type="button" className="btn btn-small" onClick={props.onHide}>
            Hide this list
          </button>
        ) : (
          <span className="muted small">
            {props.done.length} of {STEP_IDS.length} done
          </span>
        )
      }
    >
      {finished && <p className="checklist-done">All set: you are ready for your shows.</p>}
      <ol className="checklist" aria-label="Getting started steps">
        {STEP_IDS.map((id) => {
          const step = STEPS[id];
          const done = props.done.includes(id);
          return (
            <li key={id} className={done ? 'step-done' : id === next ? 'step-next' : ''} aria-label={`${step.title}: ${done ? 'done' : 'to do'}`}>
              <span className="step-mark" aria-hidden="true">
                {done ? '✓' : STEP_IDS.indexOf(id) + 1}
              </span>
              {/* The next step says what it asks and leads there; later ones are one line with their link. */}
              <div className="step-body">
                <strong>{step.title}</strong>
                {id === next && <span className="muted small">{step.hint}</span>}
                {id === next && <StepLink id={id} primary />}
              </div>
              {!done && id !== next && <StepLink id={id} />}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

function StepLink(props: { id: StepId; primary?: boolean }) {
  const step = STEPS[props.id];
  return (
    <a className={`btn btn-small step-action ${props.primary ? 'btn-primary' : 'btn-ghost'}`} href={step.href} onClick={() => scrollToCard(props.id)}>
      {step.action}
    </a>
  );
}

/** Steps done on the Overview itself bring the chat connection card into view instead of reloading the screen. */
function scrollToCard(id: StepId): void {
  if (id !== 'login' && id !== 'connect') return;
  const card = document.querySelector('.chat-card-connection');
  card?.scrollIntoView({ block: 'center' });
  card?.querySelector<HTMLInputElement>('input, button')?.focus();
}
