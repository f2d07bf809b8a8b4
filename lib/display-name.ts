/** "Last, First Middle": how staff scan and recognise travellers and members, everywhere. */
export function lastNameFirst(person: { firstName: string; middleName: string | null; lastName: string }): string {
  const given = [person.firstName, person.middleName].filter(Boolean).join(' ');
  return given ? `${person.lastName}, ${given}` : person.lastName;
}
