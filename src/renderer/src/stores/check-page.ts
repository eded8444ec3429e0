import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import { siteReportFileName, type ChatDiagnosis } from '../../../shared/contract/chat-diagnosis.js';
import { plainError } from '../format.js';

/** The Overview's "Check this page": the chat diagnosis of the active account, and the site report to send. */
export interface CheckPageState {
  open: boolean;
  checking: boolean;
  diagnosis: ChatDiagnosis | null;
  exporting: boolean;
  error: string | null;
  /** Opens the panel and asks the app afresh. */
  check(): Promise<void>;
  close(): void;
  /** The report with usernames and messages masked, and the file name to save it under; null when it failed. */
  exportReport(): Promise<{ name: string; json: string } | null>;
}

export function createCheckPageStore(api: ApiClient) {
  return createStore<CheckPageState>()((set, get) => ({
    open: false,
    checking: false,
    diagnosis: null,
    exporting: false,
    error: null,
    check: async () => {
      if (get().checking) return;
      set({ open: true, checking: true, error: null });
      try {
        set({ diagnosis: await api.api.chat.diagnose() });
      } catch (err) {
        set({ error: plainError(err) });
      } finally {
        set({ checking: false });
      }
    },
    close: () => set({ open: false }),
    exportReport: async () => {
      if (get().exporting) return null;
      set({ exporting: true, error: null });
      try {
        const report = await api.api.chat.siteReport();
        return { name: siteReportFileName(report), json: `${JSON.stringify(report, null, 2)}\n` };
      } catch (err) {
        set({ error: plainError(err) });
        return null;
      } finally {
        set({ exporting: false });
      }
    },
  }));
}
