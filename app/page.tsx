export default function CataloguePage() {
  return (
    <main className="p-8">
      <h1 className="text-2xl font-semibold">Messaging Labs</h1>
    </main>
  );
}
