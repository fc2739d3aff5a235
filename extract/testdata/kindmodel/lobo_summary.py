# lobo_summary.py sums the logs of history.sh (run in its workdir):
# rules against the kind model per batch, with each batch's thresholds
# chosen on the other batches only.
import re,sys,glob,collections
v=sys.argv[1]
# an optional mode (kindChanges in kindmodel.go) picks the grid lines of
# that policy; mode 0 lines have no prefix
mode=sys.argv[2] if len(sys.argv)>2 else '0'
pre='' if mode=='0' else f'mode {mode} '

files=sorted(glob.glob(f'lobo/{v}_*.txt'))
tot=collections.OrderedDict()
grids={}
for f in files:
    s=open(f).read()
    for m in re.finditer(r'\| (\S[^|]*?)\s+\|\s+(\d+)/\s*(\d+) [\d.]+ \|\s+(\d+)/\s*(\d+) [\d.]+ \|',s):
        k=m.group(1); a=tot.setdefault(k,[0,0,0,0])
        for i in range(4): a[i]+=int(m.group(i+2))
    g={}
    for m in re.finditer(r'(?m)^\s*\S+: '+pre+r'change ([\d.]+) drop ([\d.]+): people (\d+)/(\d+) P (\d+)/(\d+); orgs (\d+)/(\d+) P (\d+)/(\d+); places (\d+)/(\d+) P (\d+)/(\d+)',s):
        g[(m.group(1),m.group(2))]=list(map(int,m.groups()[2:]))
    grids[f]=g
print("dev-OOF-chosen policy, summed over batches (rules vs learned):")
for k,a in tot.items():
    print(f"  {k:28s} rules {a[0]}/{a[1]} {a[0]/a[1]:.3f}   learned {a[2]}/{a[3]} {a[2]/a[3]:.3f}")
def f1(x):
    r=(x[0]+x[4]+x[8])/(x[1]+x[5]+x[9]); p=(x[2]+x[6]+x[10])/(x[3]+x[7]+x[11]); return 2*r*p/(r+p)
# nested: choose per batch the policy best on the sum of other batches
keys=list(next(iter(grids.values())).keys())
chosen=[0]*12; rules=[0]*12
for f in files:
    best=None
    for k in keys:
        s=[0]*12
        for o in files:
            if o==f: continue
            s=[a+b for a,b in zip(s,grids[o][k])]
        sc=f1(s)
        if best is None or sc>best[0]+1e-12: best=(sc,k)
    chosen=[a+b for a,b in zip(chosen,grids[f][best[1]])]
    rules=[a+b for a,b in zip(rules,grids[f][('2.00','2.00')])]
    print(f"  {f}: chosen on the other batches: change {best[1][0]} drop {best[1][1]}")
names=['people R','people P','orgs R','orgs P','places R','places P']
print("nested leave-one-batch-out policy, summed:")
for i,n in enumerate(names):
    print(f"  {n:10s} rules {rules[2*i]}/{rules[2*i+1]} {rules[2*i]/rules[2*i+1]:.3f}  learned {chosen[2*i]}/{chosen[2*i+1]} {chosen[2*i]/chosen[2*i+1]:.3f}")
print("whole grid summed over batches (best F1 first):")
rows=[]
for k in keys:
    s=[0]*12
    for o in files: s=[a+b for a,b in zip(s,grids[o][k])]
    rows.append((f1(s),k,s))
rows.sort(key=lambda r:-r[0])
for sc,k,s in rows[:8]+[r for r in rows if r[1]==('2.00','2.00')]:
    print(f"  change {k[0]} drop {k[1]} F1 {sc:.4f}: "+"; ".join(f"{names[i]} {s[2*i]}/{s[2*i+1]}" for i in range(6)))
