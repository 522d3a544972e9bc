import { Faker, en } from '@faker-js/faker';

/**
 * The demo's drifted pair, built in memory (a few hundred rows) before it is
 * written: a shared base that both databases hold, plus the situations the
 * sync guide describes — records created in the wrong environment, newer
 * production data, and records edited on both sides.
 */
export interface DemoUser {
  id: string;
  email: string;
  name: string;
  role: string;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
}
export interface DemoCustomer {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  status: string;
  ownerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface DemoNote {
  id: string;
  customerId: string;
  authorId: string | null;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}
export interface DemoFile {
  id: string;
  customerId: string;
  uploadedBy: string | null;
  fileName: string;
  mimeType: string;
  sizeBytes: bigint;
  storageKey: string;
  createdAt: Date;
}
export interface DemoSide {
  users: DemoUser[];
  customers: DemoCustomer[];
  notes: DemoNote[];
  files: DemoFile[];
}

export interface DemoPasswordHashes {
  admin: string;
  agent: string;
  /** For the users nobody logs in as: a real bcrypt hash of an unknown password. */
  other: string;
}

const NOW = new Date('2026-11-20T10:00:00Z');
const FILE_TYPES: [string, string][] = [
  ['pdf', 'application/pdf'],
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
];
const NOTE_OPENERS = [
  'Call with',
  'Follow-up on renewal with',
  'Quarterly review with',
  'Support escalation raised by',
  'Pricing discussion with',
  'Onboarding session for',
];

export function buildDemoDataset(hashes: DemoPasswordHashes, adminEmail: string, agentEmail: string) {
  const faker = new Faker({ locale: [en] });
  faker.seed(20261125);
  const recent = (days: number) => faker.date.recent({ days, refDate: NOW });
  const past = () => faker.date.past({ years: 2, refDate: new Date(NOW.getTime() - 30 * 86_400_000) });

  const user = (email: string, name: string, role: string, passwordHash: string, createdAt = past()): DemoUser => ({
    id: faker.string.uuid(),
    email,
    name,
    role,
    passwordHash,
    createdAt,
    updatedAt: createdAt,
  });
  const customer = (ownerId: string | null, createdAt = past()): DemoCustomer => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const company = faker.company.name();
    return {
      id: faker.string.uuid(),
      name: `${first} ${last}`,
      company,
      email: faker.internet
        .email({ firstName: first, lastName: last, provider: `${faker.internet.domainWord()}.example` })
        .toLowerCase(),
      phone: faker.phone.number({ style: 'international' }),
      status: faker.helpers.weightedArrayElement([
        { value: 'active', weight: 7 },
        { value: 'prospect', weight: 2 },
        { value: 'churned', weight: 1 },
      ]),
      ownerId,
      createdAt,
      updatedAt: createdAt,
    };
  };
  const note = (c: DemoCustomer, authorId: string | null, createdAt = past()): DemoNote => ({
    id: faker.string.uuid(),
    customerId: c.id,
    authorId,
    body: `${faker.helpers.arrayElement(NOTE_OPENERS)} ${c.name}: ${faker.lorem.sentences({ min: 2, max: 4 })}`,
    createdAt: createdAt < c.createdAt ? c.createdAt : createdAt,
    updatedAt: createdAt < c.createdAt ? c.createdAt : createdAt,
  });
  const file = (c: DemoCustomer, uploadedBy: string | null, createdAt = past()): DemoFile => {
    const [ext, mimeType] = faker.helpers.arrayElement(FILE_TYPES);
    const id = faker.string.uuid();
    return {
      id,
      customerId: c.id,
      uploadedBy,
      fileName: `${faker.helpers.slugify(faker.lorem.words({ min: 1, max: 3 }))}.${ext}`,
      mimeType,
      sizeBytes: BigInt(faker.number.int({ min: 12_000, max: 9_000_000 })),
      storageKey: `crm/customers/${c.id}/${id}.${ext}`,
      createdAt: createdAt < c.createdAt ? c.createdAt : createdAt,
    };
  };

  // --- the shared base: what both databases hold ---
  const admin = user(adminEmail, 'Demo Admin', 'admin', hashes.admin);
  const agent = user(agentEmail, 'Demo Agent', 'agent', hashes.agent);
  const staff = [admin, agent];
  for (let i = 0; i < 7; i++) {
    const name = faker.person.fullName();
    const role = i < 2 ? 'admin' : i < 5 ? 'agent' : 'manager';
    staff.push(
      user(
        faker.internet.email({ firstName: name.split(' ')[0], provider: 'vantix-crm.example' }).toLowerCase(),
        name,
        role,
        hashes.other,
      ),
    );
  }
  const owners = staff.map((s) => s.id);
  const customers = Array.from({ length: 300 }, () => customer(faker.helpers.arrayElement(owners)));
  const notes = customers.flatMap((c) =>
    Array.from({ length: faker.number.int({ min: 1, max: 3 }) }, () => note(c, faker.helpers.arrayElement(owners))),
  );
  const files = customers.flatMap((c) =>
    faker.datatype.boolean(0.8) ? [file(c, faker.helpers.arrayElement(owners))] : [],
  );
  const base: DemoSide = { users: staff, customers, notes, files };

  const dev: DemoSide = clone(base);
  const prod: DemoSide = clone(base);

  // --- only in Dev: the guide's recovery cases ---
  // Customers created in the wrong environment, with their notes (a note whose
  // customer is also missing in Prod) and files.
  for (let i = 0; i < 6; i++) {
    const c = customer(faker.helpers.arrayElement(owners), recent(20));
    dev.customers.push(c);
    dev.notes.push(note(c, faker.helpers.arrayElement(owners), recent(10)));
    if (i % 2 === 0) {
      dev.files.push(file(c, faker.helpers.arrayElement(owners), recent(10)));
    }
  }
  // Files uploaded to Dev by mistake, and notes written in Dev, for customers Prod has.
  for (let i = 0; i < 9; i++) {
    dev.files.push(file(faker.helpers.arrayElement(customers), faker.helpers.arrayElement(owners), recent(15)));
  }
  for (let i = 0; i < 12; i++) {
    dev.notes.push(note(faker.helpers.arrayElement(customers), faker.helpers.arrayElement(owners), recent(15)));
  }
  // A user only in Dev, and an admin only in Dev (syncing it would grant production admin rights).
  dev.users.push(user('new.hire@vantix-crm.example', 'New Hire', 'agent', hashes.other, recent(7)));
  dev.users.push(user('contractor@vantix-crm.example', 'Temporary Contractor', 'admin', hashes.other, recent(7)));

  // --- only in Prod: newer production data (expected) ---
  const prodOnlyCustomers = Array.from({ length: 14 }, () => customer(faker.helpers.arrayElement(owners), recent(25)));
  prod.customers.push(...prodOnlyCustomers);
  for (const c of prodOnlyCustomers.slice(0, 8)) {
    prod.notes.push(note(c, faker.helpers.arrayElement(owners), recent(5)));
  }
  for (let i = 0; i < 10; i++) {
    prod.notes.push(note(faker.helpers.arrayElement(customers), faker.helpers.arrayElement(owners), recent(5)));
  }
  for (let i = 0; i < 5; i++) {
    prod.files.push(file(faker.helpers.arrayElement(customers), faker.helpers.arrayElement(owners), recent(5)));
  }
  prod.users.push(user('support.lead@vantix-crm.example', 'Support Lead', 'manager', hashes.other, recent(12)));

  // --- changed on both sides: the same records, edited differently ---
  for (const index of [3, 17, 42, 99]) {
    const c = dev.customers[index];
    c.phone = faker.phone.number({ style: 'international' });
    c.status = c.status === 'active' ? 'churned' : 'active';
    c.updatedAt = recent(3);
  }
  for (const index of [5, 60]) {
    const n = dev.notes[index];
    n.body = `${n.body} (edited in Dev: ${faker.lorem.sentence()})`;
    n.updatedAt = recent(3);
  }
  // A user whose password was reset in Prod only: differs in a sensitive column.
  prod.users[4].passwordHash = hashes.admin;
  prod.users[4].updatedAt = recent(2);

  return { dev, prod };
}

function clone(side: DemoSide): DemoSide {
  return {
    users: side.users.map((u) => ({ ...u })),
    customers: side.customers.map((c) => ({ ...c })),
    notes: side.notes.map((n) => ({ ...n })),
    files: side.files.map((f) => ({ ...f })),
  };
}
