// Fix 2 from the toolchain notes: keep lightning-combobox off ElementInternals, which synthetic shadow lacks.
export default { isOpen: () => false };
