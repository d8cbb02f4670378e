import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';

interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'danger';
}

export interface Toaster {
  /** A short message that goes away by itself ("Partner created"), announced to screen readers. */
  show(message: string, tone?: Toast['tone']): void;
}

const ToastContext = createContext<Toaster | null>(null);
const visibleMs = 4000;

/** Holds the app's toasts; AppShell provides it, so every screen can `useToast()`. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);
  const show = useCallback((message: string, tone: Toast['tone'] = 'info') => {
    nextId.current += 1;
    const toast = { id: nextId.current, message, tone };
    setToasts((current) => [...current, toast]);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((t) => t.id !== id)), []);
  const toaster = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <div className="zf-toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onDone={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDone }: { toast: Toast; onDone: (id: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDone(toast.id), visibleMs);
    return () => clearTimeout(timer);
  }, [onDone, toast.id]);
  return (
    <div className="zf-toast" data-tone={toast.tone} data-testid="toast">
      {toast.message}
    </div>
  );
}

export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error('useToast needs a ToastProvider (AppShell provides one)');
  return toaster;
}
