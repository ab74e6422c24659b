import subprocess, sys, time, threading
port = sys.argv[1]; extra = sys.argv[2]; mode = sys.argv[3]
pub = subprocess.Popen(f"ffmpeg -v error -re -i bf.flv -c copy -f flv -listen 1 rtmp://127.0.0.1:{port}/live/t".split())
time.sleep(1.0)
if mode == "key":
    pre = "-skip_frame nokey " + extra
    vf = "select='isnan(prev_selected_t)+gte(t-prev_selected_t,0.999)'"
    post = "-fps_mode passthrough"
else:
    pre = extra; vf = ("fps=1" if mode == "full" else "null"); post = ""
filt = f"{vf},scale=64:64:flags=area,format=gray,pad=64:65:0:0,geq=lum='if(eq(Y,64),if(lt(X,48),mod(floor(max(T,0)*1000/pow(2,X)),2)*255,0),lum(X,Y))'"
cmd = f"/usr/bin/time -f %U+%S ffmpeg -v error -nostats -copyts -threads 1 -filter_threads 1 {pre} -i rtmp://127.0.0.1:{port}/live/t -vf \"{filt}\" {post} -threads 1 -f rawvideo -pix_fmt gray pipe:1"
S = time.monotonic()
p = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE)
lags = []
while True:
    b = p.stdout.read(64*65)
    if len(b) < 64*65: break
    w = time.monotonic() - S
    row = b[64*64:64*64+48]
    ms = sum((1 << i) for i in range(48) if row[i] > 127)
    lags.append(w - ms/1000.0)
    print(f"pts={ms/1000:.3f} wall={w:.3f} lag={w-ms/1000:.3f}")
p.wait(); pub.wait()
lags.sort()
print("n", len(lags), "p50", lags[len(lags)//2], "p95", lags[int(len(lags)*0.95)-1])
