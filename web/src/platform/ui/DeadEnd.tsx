import type { ReactNode } from 'react';
import { Result } from 'antd';

/** A not-found or forbidden page with its picture: in its own chunk, fetched only when a page ends up there. */
export default function DeadEnd(props: { status: '404' | '403'; title: ReactNode; subTitle: ReactNode; extra: ReactNode }) {
  return <Result {...props} />;
}
