import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import type { PlaceNode } from './places.api';

interface Option {
  value: number;
  label: string;
  isLeaf: boolean;
  type: string;
  children?: Option[];
}

const toOption = (p: PlaceNode): Option => ({ value: p.id, label: p.name, type: p.type, isLeaf: p.type === 'dwelling' });

/** Picks a dwelling by walking the place tree level by level (loaded as each level opens). */
export function DwellingCascader({
  load,
  value,
  onChange,
  testId,
  placeholder,
}: {
  load: (parentId: number | null) => Promise<{ items: PlaceNode[] }>;
  value?: number | null;
  onChange?: (id: number | null) => void;
  testId?: string;
  placeholder?: string;
}) {
  const [options, setOptions] = useState<Option[]>([]);
  const [picked, setPicked] = useState<number[]>([]);
  // A form reset clears the value: show no path then.
  const path = value == null ? [] : picked;
  useEffect(() => {
    void load(null).then((r) => setOptions(r.items.map(toOption)));
  }, [load]);
  return (
    <Cascader<Option>
      data-testid={testId}
      options={options}
      value={path}
      placeholder={placeholder}
      changeOnSelect={false}
      showSearch={false}
      style={{ width: '100%' }}
      loadData={async (selected) => {
        const target = selected[selected.length - 1]!;
        const r = await load(target.value);
        target.children = r.items.map(toOption);
        setOptions((o) => [...o]);
      }}
      onChange={(v, selected) => {
        const ids = (v ?? []) as number[];
        setPicked(ids);
        const last = selected?.[selected.length - 1];
        onChange?.(last && last.type === 'dwelling' ? last.value : null);
      }}
    />
  );
}
